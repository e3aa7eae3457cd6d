"""JavaScript on Node.js."""

from execbench.languages.base import LanguageSpec, Tool, register_language
from execbench.languages.shapes import Append

NODE = Tool("node", ("node", "nodejs"))
ENV = Tool("env", ("env",))
# Globally installed npm packages (HumanEval-X's reference md5 task needs js-md5).
NODE_PATH = "NODE_PATH=/usr/lib/node_modules:/usr/local/lib/node_modules"
# V8 reserves large virtual regions up front (pointer-compression cage, code range).
NODE_ADDRESS_SPACE_MB = 16384
NONCE_JS = 'process.stdout.write(require("fs").readFileSync(0, "utf8").split("\\n")[0]);'

register_language(
    LanguageSpec(
        name="javascript",
        aliases=("js", "node"),
        source_file="main.js",
        tools=(NODE, ENV),
        run=("{env}", NODE_PATH, "{node}", "--max-old-space-size={heap_mb}", "{src}"),
        prepare=Append("main.js", NONCE_JS),
        run_memory_extra_mb=NODE_ADDRESS_SPACE_MB,
    )
)
