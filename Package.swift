// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Evident",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "evident", targets: ["evident"]),
        .executable(name: "evident-mcp", targets: ["evident-mcp"]),
        .library(name: "Evident", targets: ["Evident"]),
        .library(name: "EvidentSearch", targets: ["EvidentSearch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(name: "CExpat", path: "Sources/CExpat", providers: [.apt(["libexpat1-dev"])]),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "EvidentSearch"),
        .target(
            name: "Evident",
            dependencies: [
                "EvidentSearch", "CExpat", "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            resources: [.copy("Resources/aspect-model.tsv")]
        ),
        .target(
            name: "EvidentServer",
            dependencies: [
                "Evident",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Web"), .copy("openapi.json")]
        ),
        .target(
            name: "EvidentMCP",
            dependencies: [
                "Evident",
                .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "evident",
            dependencies: [
                "Evident", "EvidentServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The MCP server is a program of its own: its SDK links libcurl and its libraries, which
        // would add about 10 ms to every start of `evident`.
        .executableTarget(
            name: "evident-mcp",
            dependencies: [
                "Evident", "EvidentMCP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "EvidentSearchTests", dependencies: ["EvidentSearch"]),
        .testTarget(name: "EvidentTests", dependencies: [
            "Evident", "CZlib", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "evidentTests", dependencies: ["evident"]),
        .testTarget(name: "EvidentServerTests", dependencies: [
            "EvidentServer", "Evident",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

// Fuzzing with libFuzzer: `EVIDENT_FUZZ=1` adds the harness (never built otherwise).
// `make fuzz` builds it with the toolchain's -sanitize=fuzzer,address and runs it (bench/fuzz.sh).
if Context.environment["EVIDENT_FUZZ"] != nil {
    package.targets += [
        .target(name: "CFuzzerDriver", path: "Fuzz/CFuzzerDriver"),
        .executableTarget(name: "EvidentFuzz", dependencies: ["Evident", "CFuzzerDriver"], path: "Fuzz/EvidentFuzz"),
    ]
}
