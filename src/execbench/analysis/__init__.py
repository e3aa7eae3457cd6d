"""Reading finished runs: compare, leaderboard, show, export. Never judges anything again."""
