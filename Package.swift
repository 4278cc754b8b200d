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
        .target(name: "CPlatform"),
        .target(
            name: "DiligenceKit",
            dependencies: [
                "Ccmark",
                "CPlatform",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "DiligenceServe",
            dependencies: [
                "DiligenceKit",
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
                "DiligenceKit",
                "DiligenceServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DiligenceServeTests",
            dependencies: ["DiligenceServe", "DiligenceKit"]
        ),
        .testTarget(
            name: "DiligenceKitTests",
            dependencies: ["DiligenceKit"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
