// swift-tools-version:6.0
// The libFuzzer targets: the importer's CSV and JSON parsers, and the
// parsers of the values typed on the command line. It is a package of its
// own so that the main package builds without sanitizers:
//   cd Fuzz && swift build -c debug --sanitize=fuzzer,address
// or `make fuzz` from the repository root.
import PackageDescription

let package = Package(
    name: "OrgModelFuzz",
    dependencies: [
        .package(name: "OrgModel", path: "..")
    ],
    targets: [
        .executableTarget(
            name: "OrgImportFuzzer",
            dependencies: [.product(name: "OrgModel", package: "OrgModel")]
        ),
        .executableTarget(
            name: "OrgArgumentFuzzer",
            dependencies: [.product(name: "OrgModel", package: "OrgModel")]
        ),
    ]
)
