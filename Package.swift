// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "OrgModel",
    products: [
        .library(name: "OrgModel", targets: ["OrgModel"]),
        .executable(name: "orgctl", targets: ["orgctl"]),
        .executable(name: "orgctl-render", targets: ["orgctl-render"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "OrgSQLite", dependencies: ["CSQLite"]),
        .target(
            name: "OrgModel",
            dependencies: ["OrgSQLite"],
            exclude: ["Model/CanonicalCompositionTable.py"],
            resources: [.embedInCode("Schema/schema.sql")]
        ),
        .executableTarget(
            name: "orgctl",
            dependencies: [
                "OrgModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "OrgModelTests", dependencies: ["OrgModel", "OrgSQLite"], exclude: ["Golden"]),
        .testTarget(name: "orgctlTests", dependencies: ["orgctl"], exclude: ["Golden"]),
        // Imports OrgModel without @testable: what an adopter can reach.
        .testTarget(name: "OrgModelPublicAPITests", dependencies: ["OrgModel"]),
        // PDF and PNG through librsvg and cairo, in a program of its own so
        // that orgctl stays static (see the Makefile's release flags).
        .systemLibrary(
            name: "CRsvg",
            pkgConfig: "librsvg-2.0",
            providers: [.apt(["librsvg2-dev", "libcairo2-dev"])]
        ),
        .executableTarget(name: "orgctl-render", dependencies: ["CRsvg"]),
    ]
)
