import Foundation
import PackagePlugin

/// Compiles every file under the package's top-level `Data/` folder into the `BundledData` module, so the binary
/// carries its framework and seed evidence wherever it is copied to.
@main
struct EmbedData: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let dataFolder = context.package.directoryURL.appending(path: "Data")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        var inputs: [URL] = []
        if let walker = FileManager.default.enumerator(at: dataFolder, includingPropertiesForKeys: [.isRegularFileKey]) {
            for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        return [
            .buildCommand(
                displayName: "Embedding Data/ into BundledData",
                executable: try context.tool(named: "DataEmbedder").url,
                arguments: [dataFolder.path, output.path],
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
