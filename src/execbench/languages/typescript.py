"""TypeScript: type-checked and compiled by tsc (npm), then run on Node.js."""

from execbench.languages.base import (
    Grammar,
    LanguageSpec,
    Tool,
    WholeProgram,
    register_language,
)
from execbench.languages.javascript import BASE_STOPS, NODE, NODE_ADDRESS_SPACE_MB, NONCE_JS
from execbench.languages.shapes import Append, Prelude

# Node's globals, declared so tsc type-checks without @types/node.
NODE_GLOBALS = "declare var require: any;\ndeclare var process: any;"

register_language(
    LanguageSpec(
        name="typescript",
        aliases=("ts",),
        display_name="TypeScript",
        fence_tags=("ts", "tsx"),
        grammar=Grammar("tree_sitter_typescript", "language_typescript"),
        base_stops=BASE_STOPS,
        source_file="main.ts",
        tools=(Tool("tsc", ("tsc",), ("--version",)), NODE),
        compile=("{node}", "{tsc}", "--target", "esnext", "--module", "commonjs", "{src}"),
        outputs=("main.js",),
        run=("{node}", "--max-old-space-size={heap_mb}", "main.js"),
        prepare=Append("main.ts", f"{NODE_GLOBALS}\n{NONCE_JS}"),
        whole_program=WholeProgram(prepare=Prelude("main.ts", NODE_GLOBALS)),
        run_memory_extra_mb=NODE_ADDRESS_SPACE_MB,
        compile_memory_mb=NODE_ADDRESS_SPACE_MB + 2048,
    )
)
