// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "OrgModel",
    products: [
        .library(name: "OrgModel", targets: ["OrgModel"]),
        .executable(name: "orgctl", targets: ["orgctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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
    ]
)
