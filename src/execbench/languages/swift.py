"""Swift (swiftc). No toolchain in Debian bookworm: Debian's `swift` package is OpenStack Swift,
and the compiler ships only as swift.org archives, which this project does not download."""

from execbench.languages.base import LanguageSpec, Tool, register_language
from execbench.languages.shapes import Append

register_language(
    LanguageSpec(
        name="swift",
        aliases=(),
        source_file="main.swift",
        tools=(Tool("swiftc", ("swiftc",)),),
        compile=("{swiftc}", "-o", "prog", "{src}"),
        outputs=("prog",),
        run=("./prog",),
        prepare=Append("main.swift", 'print(readLine() ?? "", terminator: "")'),
        notes="swiftc is not packaged in Debian bookworm; install it from swift.org",
    )
)
