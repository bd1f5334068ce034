// swift-tools-version:6.0
import PackageDescription

// A package of its own so that the root package (make test, make demo and
// orgctl's static build) never compiles SwiftNIO.
let package = Package(
    name: "orgctl-serve",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "orgctl-serve", targets: ["orgctl-serve"]),
    ],
    dependencies: [
        .package(name: "OrgModel", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "OrgServe",
            dependencies: [
                .product(name: "OrgModel", package: "OrgModel"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                // The HTTP parts a channel handler sees before Hummingbird's router (KeptAnswerHandler).
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [
                .embedInCode("Assets/index.html"),
                .embedInCode("Assets/app.js"),
                .embedInCode("Assets/app.css"),
                .embedInCode("Assets/js/api.js"),
                .embedInCode("Assets/js/chart.js"),
                .embedInCode("Assets/js/dom.js"),
                .embedInCode("Assets/js/dotted.js"),
                .embedInCode("Assets/js/editing.js"),
                .embedInCode("Assets/js/history.js"),
                .embedInCode("Assets/js/layout.js"),
                .embedInCode("Assets/js/live.js"),
                .embedInCode("Assets/js/panel.js"),
                .embedInCode("Assets/js/pmo.js"),
                .embedInCode("Assets/js/render.js"),
                .embedInCode("Assets/js/search.js"),
                .embedInCode("Assets/js/session.js"),
                .embedInCode("Assets/js/state.js"),
                .embedInCode("Assets/js/view.js"),
            ]
        ),
        .executableTarget(
            name: "orgctl-serve",
            dependencies: [
                "OrgServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "OrgServeTests",
            dependencies: [
                "OrgServe",
                .product(name: "OrgModel", package: "OrgModel"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
    ]
)
