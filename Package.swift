// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Diligence",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "diligence", targets: ["diligence"]),
        // Built only by Tests/Fuzz/run, with -sanitize=fuzzer (libFuzzer supplies main).
        .executable(name: "diligence-fuzz", targets: ["DiligenceFuzz"]),
        .library(name: "DiligenceKit", targets: ["DiligenceKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // Snowball stemmers (Debian's libstemmer-dev): English and French
        // stems for the search index, computed at build time only.
        .systemLibrary(
            name: "Cstemmer",
            providers: [.apt(["libstemmer-dev"])]
        ),
        // mimalloc (Debian's libmimalloc-dev), linked into the `diligence`
        // executable only, on Linux only: it replaces the C allocator for the whole process
        // (Swift's runtime included). See docs/architecture.md, "Allocator".
        .systemLibrary(
            name: "Cmimalloc",
            providers: [.apt(["libmimalloc-dev"])]
        ),
        .target(name: "CPlatform"),
        // libcurl loaded when first called, not when the program starts
        // (Linux): see Sources/Ccurl/curl_on_demand.c.
        .target(name: "Ccurl", linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]),
        // The built-in theme: templates/ embedded at build time (DefaultTemplates).
        .plugin(name: "EmbedTemplatesPlugin", capability: .buildTool()),
        .target(name: "DiligenceDefaults", plugins: ["EmbedTemplatesPlugin"]),
        // The library, one module per stage of the pipeline. Each depends
        // only on the stages before it, so the compiler refuses a cycle:
        // Support → Diagnostics → Content → Markdown → Graph → Template →
        // Render → Search → Publish → DiligenceKit (plan and execute).
        .target(name: "DiligenceSupport"),
        .target(name: "DiligenceDiagnostics", dependencies: ["DiligenceSupport"]),
        .target(
            name: "DiligenceContent",
            dependencies: ["DiligenceDiagnostics", "DiligenceSupport", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "DiligenceMarkdown", dependencies: ["Ccmark", "DiligenceDiagnostics", "DiligenceSupport"]),
        .target(
            name: "DiligenceGraph",
            dependencies: ["DiligenceMarkdown", "DiligenceContent", "DiligenceDiagnostics", "DiligenceSupport"]
        ),
        .target(name: "DiligenceTemplate", dependencies: ["DiligenceSupport"]),
        .target(
            name: "DiligenceRender",
            dependencies: ["DiligenceTemplate", "DiligenceDefaults", "DiligenceGraph", "DiligenceMarkdown", "DiligenceContent",
                           "DiligenceDiagnostics", "DiligenceSupport", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "DiligenceSearch",
            dependencies: ["Cstemmer", "DiligenceRender", "DiligenceGraph", "DiligenceMarkdown", "DiligenceContent", "DiligenceSupport"]
        ),
        .target(name: "DiligencePublish", dependencies: ["CPlatform", "DiligenceSupport"]),
        .target(
            name: "DiligenceKit",
            dependencies: [
                "CPlatform", "DiligencePublish", "DiligenceSearch", "DiligenceRender", "DiligenceTemplate",
                "DiligenceGraph", "DiligenceMarkdown", "DiligenceContent", "DiligenceDiagnostics", "DiligenceSupport",
            ]
        ),
        // `diligence links`: beside the pipeline, reading content but never rendering it.
        .target(
            name: "DiligenceLinks",
            dependencies: ["DiligenceMarkdown", "DiligenceContent", "DiligenceDiagnostics", "DiligenceSupport",
                           .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "DiligenceServe",
            dependencies: [
                "DiligenceKit", "DiligenceContent", "DiligencePublish", "DiligenceDiagnostics", "DiligenceSupport",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "DiligenceFuzz",
            dependencies: ["DiligenceKit"]
        ),
        .executableTarget(
            name: "diligence",
            dependencies: [
                "DiligenceKit", "DiligenceContent", "DiligenceDiagnostics", "DiligenceRender", "DiligenceDefaults",
                "DiligenceServe", "DiligenceLinks", "DiligenceSearch",
                .target(name: "Cmimalloc", condition: .when(platforms: [.linux])),
                .target(name: "Ccurl", condition: .when(platforms: [.linux])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // On Linux the Swift runtime and Foundation are linked into the
            // executable (what `swift build --static-swift-stdlib` does):
            // every retain, release and runtime call is then a direct call,
            // not one through the dynamic linker's tables, and the process
            // starts with 15 fewer libraries to load. A 10,000-page build
            // takes about a tenth less time (docs/architecture.md,
            // "Static Swift runtime"). Foundation's networking part calls
            // libcurl, which Ccurl loads when first called: libcurl is not
            // linked (no autolinking of it), so neither it nor the thirty
            // libraries it needs are loaded at every start
            // (docs/architecture.md, "Start-up").
            swiftSettings: [.unsafeFlags(["-static-stdlib", "-Xfrontend", "-disable-autolink-library", "-Xfrontend", "curl"],
                                         .when(platforms: [.linux]))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "DiligenceServeTests",
            dependencies: ["DiligenceServe", "DiligenceKit", "DiligenceContent", "DiligenceDiagnostics"]
        ),
        .testTarget(
            name: "DiligenceLinksTests",
            dependencies: ["DiligenceLinks", "DiligenceContent", "DiligenceDiagnostics",
                           .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        .testTarget(
            name: "DiligenceKitTests",
            dependencies: [
                "DiligenceKit", "DiligenceDefaults", "DiligencePublish", "DiligenceSearch", "DiligenceRender", "DiligenceTemplate",
                "DiligenceGraph", "DiligenceMarkdown", "DiligenceContent", "DiligenceDiagnostics", "DiligenceSupport",
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
