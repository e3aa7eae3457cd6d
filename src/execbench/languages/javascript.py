"""JavaScript on Node.js."""

from execbench.languages.base import Grammar, LanguageSpec, Tool, register_language
from execbench.languages.shapes import Append

NODE = Tool("node", ("node", "nodejs"))
ENV = Tool("env", ("env",))
# Globally installed npm packages (HumanEval-X's reference md5 task needs js-md5).
NODE_PATH = "NODE_PATH=/usr/lib/node_modules:/usr/local/lib/node_modules"
# V8 reserves large virtual regions up front (pointer-compression cage, code range).
NODE_ADDRESS_SPACE_MB = 16384
# Where a base model's function body ends (JavaScript and TypeScript).
BASE_STOPS = ("\nfunction ", "\n/*", "\n//", "\nconsole.log", "\n```")
NONCE_JS = 'process.stdout.write(require("fs").readFileSync(0, "utf8").split("\\n")[0]);'

register_language(
    LanguageSpec(
        name="javascript",
        aliases=("js", "node"),
        display_name="JavaScript",
        fence_tags=("js", "node", "nodejs", "jsx", "mjs"),
        grammar=Grammar("tree_sitter_javascript"),
        base_stops=BASE_STOPS,
        source_file="main.js",
        tools=(NODE, ENV),
        run=("{env}", NODE_PATH, "{node}", "--max-old-space-size={heap_mb}", "{src}"),
        prepare=Append("main.js", NONCE_JS),
        run_memory_extra_mb=NODE_ADDRESS_SPACE_MB,
    )
)
