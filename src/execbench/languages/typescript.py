"""TypeScript: type-checked and compiled by tsc (npm), then run on Node.js."""

from execbench.languages.base import LanguageSpec, Tool, register_language
from execbench.languages.javascript import NODE, NODE_ADDRESS_SPACE_MB, NONCE_JS
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="typescript",
        aliases=("ts",),
        source_file="main.ts",
        tools=(Tool("tsc", ("tsc",), ("--version",)), NODE),
        compile=("{node}", "{tsc}", "--target", "esnext", "--module", "commonjs", "{src}"),
        outputs=("main.js",),
        run=("{node}", "--max-old-space-size={heap_mb}", "main.js"),
        prepare=Append(
            "main.ts",
            f"declare var require: any;\ndeclare var process: any;\n{NONCE_JS}",
        ),
        run_memory_extra_mb=NODE_ADDRESS_SPACE_MB,
        compile_memory_mb=NODE_ADDRESS_SPACE_MB + 2048,
    )
)
