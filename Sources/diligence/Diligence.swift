import ArgumentParser
#if canImport(Cmimalloc)
import Cmimalloc
#endif
import DiligenceContent
import DiligenceDiagnostics
import DiligenceKit
import Foundation

/// The `diligence` command: builds and checks the knowledge base.
@main
struct Diligence: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diligence",
        abstract: "Build a static due-diligence knowledge base from Markdown files.",
        discussion: """
        Diligence turns the Markdown files in content/ (guidance, product-risk examples, \
        country profiles, free pages) into a cross-linked static HTML site in public/, \
        using the Mustache templates in templates/. The site works from any web server \
        sub-path and opened straight from a file share.

        Run it from the folder that holds content/ and templates/:
          diligence check     validate every file and report all problems
          diligence build     validate, then write the site to public/
          diligence links     check every external URL in the content
          diligence new country FR    start a country profile
          diligence schema    regenerate schemas/ and the field reference
          diligence templates list    which built-in templates the site overrides
        """,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, LinksCommand.self, NewCommand.self, SchemaCommand.self,
                      TemplatesCommand.self, SearchWordsCommand.self],
        defaultSubcommand: nil
    )

    /// Runs the command. On Linux the process allocates with mimalloc,
    /// which replaces the C library's `malloc` for the whole process, Swift's
    /// runtime included, because the executable links it before libc
    /// (docs/architecture.md, "Allocator"). Naming one of its functions keeps
    /// a linker that drops unused libraries (`--as-needed`) from dropping it.
    /// For `build --incremental`, its memory comes in 2 MiB pages where
    /// the kernel gives them (transparent huge pages on `madvise`, as Debian
    /// and Ubuntu set them): an incremental build first touched
    /// 15,000–26,000 pages of 4 kB, a fifth of its time. Not for a full
    /// build, which they made 10–17 % slower (docs/architecture.md, "Allocator").
    static func main() async {
        #if canImport(Cmimalloc)
        _ = mi_version()
        // Unless the environment says otherwise (`MIMALLOC_LARGE_OS_PAGES=0` or `=1`).
        if getenv("MIMALLOC_LARGE_OS_PAGES") == nil, CommandLine.arguments.contains("--incremental") {
            mi_option_enable(mi_option_large_os_pages)
            mi_option_enable(mi_option_eager_commit)  // what the environment variable implies, too
            mi_option_set(mi_option_eager_commit_delay, 0)
        }
        #endif
        await main(nil)
    }
}
