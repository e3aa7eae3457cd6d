"""How OctoPack's harness (bigcode-evaluation-harness, tasks/humanevalpack.py) turns a model's
code into the program it runs, per language, before the test is appended:

- Python: CodeGeeX's import helpers, then the code.
- C++: OctoPack's includes (with `using namespace std;` and boost's `any`), then the code cut
  before any `int main` of its own.
- Java: the code, without an empty `public class Main {}` the model may have added.
- JavaScript: the code as it is (the tests only print on failure: any output fails).
- Go: the test file's header (package, testing, testify) without the imports the code has
  itself, an import of each CodeGeeX helper package the code or the test uses (a `pkg.` outside
  a comment line) and does not import, then the code without its own `package main`. OctoPack
  imports `math/rand` and `crypto/md5` by their last element (an invalid import); here they get
  their full path.
- Rust: an empty `fn main(){}` unless the code has one, the declaration's lines the code lacks
  (its `use`s; the signature when the function is missing), then the code, cut before a second
  `fn main()`.

A base model's completion ends as OctoPack ends it (`remove_last_block`): at the first stop word,
then, in Python, before the first line that is not indented; elsewhere, after the brace that
closes the function (the class too in Java), or else after the last brace.
"""

from __future__ import annotations

from execbench.tasks.codegeex import GO_HELPERS, PYTHON_IMPORTS

CPP_IMPORTS = (
    "using namespace std;\n#include<stdlib.h>\n#include<algorithm>\n#include<cmath>\n"
    "#include<math.h>\n#include<numeric>\n#include<stdio.h>\n#include<vector>\n#include<set>\n"
    "#include<map>\n#include<queue>\n#include<stack>\n#include<list>\n#include<deque>\n"
    "#include<boost/any.hpp>\n#include<string>\n#include<climits>\n#include<cstring>\n"
    "#include<iostream>\n#include<sstream>\n#include<fstream>\n"
)
RUST_MAIN = "fn main(){}\n"
# OctoPack's stop words (from CodeGeeX), for base models.
STOP_WORDS = {
    "python": ("\nclass", "\ndef", "\n#", "\n@", "\nprint", "\nif", "\nassert"),
    "go": ("\n//", "\nfunc main(", "struct", "\nfunc"),
}
END_OF_TEXT = "<|endoftext|>"


def stop_words(language: str) -> tuple[str, ...]:
    return (*STOP_WORDS.get(language, ()), END_OF_TEXT)


def python_program(code: str) -> str:
    return (PYTHON_IMPORTS + "\n" + code).strip() + "\n"


def cpp_program(code: str) -> str:
    return (CPP_IMPORTS + "\n" + code.split("int main")[0]).strip() + "\n"


def java_program(code: str) -> str:
    return code.replace("public class Main {\n    }", "").strip() + "\n"


def go_program(test_setup: str, test: str, code: str) -> str:
    setup = test_setup + "\n"
    for line in setup.split("\n"):
        imported = line.replace("import", "").replace("(", "").replace(")", "").strip()
        if imported.startswith('"') and imported in code:
            setup = setup.replace(imported, "")
    whole = f"{setup}{code}\n{test}"
    lines = [line for line in whole.split("\n") if not line.strip().startswith("//")]
    wanted = sorted(
        package
        for package in GO_HELPERS
        if f'"{package}"' not in whole
        and any(f"{package.split('/')[-1]}." in line for line in lines)
    )
    imports = "".join(f'    "{package}"\n' for package in wanted)
    if "package main" in code and "package main" in setup:
        code = code.replace("package main", "")
    return setup + (f"import (\n{imports})\n" if imports else "") + code


def rust_program(declaration: str, code: str) -> str:
    program = "" if "fn main()" in code else RUST_MAIN
    for line in declaration.split("\n"):
        line = line.strip()
        if line in code:
            continue
        if line.startswith("fn") and line.split("(")[0] in code:
            continue  # the function is there, with another signature
        program += line + "\n"
    return program + "fn main()".join(code.split("fn main()")[:2])


def completion_end(language: str, text: str) -> str:
    """A base model's completion cut where OctoPack cuts it (see the module's note)."""
    for word in stop_words(language):
        if word in text:
            text = text[: text.find(word)]
    if language == "python":
        lines = text.split("\n")
        for index, line in enumerate(lines):
            if line.strip() and line[0] not in (" ", "\t"):
                return "\n".join(lines[:index])
        return text
    depth = 2 if language == "java" else 1
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return text[: index + 1]
    if language == "java":
        main = text.find("public static void main")
        if main != -1:
            text = text[:main] + "}"
        if "}" in text:
            text = text[: text.rfind("}")] + "}"
        if text.count("{") - 1 == text.count("}"):
            text += "\n}"
        return text
    return text[: text.rfind("}")] + "}" if "}" in text else text
