// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Broadsheet",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "broadsheet", targets: ["broadsheet"]),
        .library(name: "BroadsheetKit", targets: ["BroadsheetKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // Hummingbird's own dependencies, named because the server imports them directly.
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(
            name: "BroadsheetKit",
            dependencies: [
                "CCmark",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .target(
            name: "BroadsheetServer",
            dependencies: [
                "BroadsheetKit",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "broadsheet",
            dependencies: [
                "BroadsheetKit",
                "BroadsheetServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BroadsheetKitTests",
            dependencies: ["BroadsheetKit"],
            exclude: ["Fixtures", "Golden"]
        ),
        .testTarget(
            name: "BroadsheetServerTests",
            dependencies: [
                "BroadsheetServer",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
