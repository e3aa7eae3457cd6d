from execbench.cli import main

main()
