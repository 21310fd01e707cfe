using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using ChatServer.Tests.Cluster;
using ChatServer.Tests.Infrastructure;

namespace ChatServer.Tests.Packaging;

/// <summary>
/// ChatServer.Client as a NuGet package: packed from this repository into a folder feed, installed into a fresh
/// console project that knows nothing of the repository, built, and run against a real server process.
/// </summary>
public sealed class ClientPackageTests
{
    // What a developer's app does with the package: sign in, connect, join, send, print what arrives.
    private const string ConsumerProgram = """
        using ChatServer.Client;
        using ChatServer.Contracts;

        var (server, userName, password, room) = (new Uri(args[0]), args[1], args[2], args[3]);
        using var http = new HttpClient { BaseAddress = server };
        var login = await new ChatApiClient(http).RegisterOrLoginAsync(userName, password);
        await using var chat = new ChatClient(new ChatClientOptions
        {
            ServerUri = server,
            AccessTokenProvider = _ => Task.FromResult<string?>(login.AccessToken),
        });
        var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.MessageReceived += message =>
        {
            Console.WriteLine($"received: {message.User}: {message.Text}");
            if (message.User != login.UserName)
            {
                reply.TrySetResult();
            }
        };
        await chat.StartAsync();
        var snapshot = await chat.JoinRoomAsync(room);
        foreach (var message in snapshot.Messages)
        {
            Console.WriteLine($"history: {message.User}: {message.Text}");
        }

        await chat.SendMessageAsync(room, "hello from the package", Guid.NewGuid().ToString());
        await reply.Task.WaitAsync(TimeSpan.FromSeconds(30));
        """;

    // No build servers and no reused MSBuild nodes: they outlive the command and would hold its output pipes open.
    private static readonly Dictionary<string, string> DotnetEnvironment = new()
    {
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
    };

    [Fact]
    public async Task The_packed_client_installs_into_a_fresh_console_app_that_chats_without_the_aspnetcore_framework()
    {
        await using var server = await ChatServerProcess.StartAsync(new Dictionary<string, string>());
        var work = Directory.CreateTempSubdirectory("chatserver-package-").FullName;
        try
        {
            // A version no NuGet folder can hold yet, so the restore below can only take the package just packed.
            var suffix = "test." + Guid.NewGuid().ToString("N")[..12];
            var version = "2.0.0-" + suffix;
            var feed = Path.Combine(work, "feed");
            await DotnetAsync(RepositoryPaths.Root, "pack", Path.Combine("ChatServer.Client", "ChatServer.Client.csproj"), "-c", "Release",
                "-o", feed, "--version-suffix", suffix, "--artifacts-path", Path.Combine(work, "artifacts"));
            AssertPackage(Path.Combine(feed, $"ChatServer.Client.{version}.nupkg"), version);
            Assert.True(File.Exists(Path.Combine(feed, $"ChatServer.Contracts.{version}.nupkg")), "packing the client packs the contracts it depends on");

            var app = Path.Combine(work, "app");
            await DotnetAsync(work, "new", "console", "-o", app, "-n", "PackageConsumer", "--framework", "net10.0", "--no-restore");
            await WriteNuGetConfigAsync(app, feed, await MachinePackagesFolderAsync(work));
            await DotnetAsync(app, "add", "package", "ChatServer.Client", "--version", version);
            await File.WriteAllTextAsync(Path.Combine(app, "Program.cs"), ConsumerProgram);
            await DotnetAsync(app, "build", "-c", "Release");

            var output = Path.Combine(app, "bin", "Release", "net10.0");
            AssertOnlyTheBaseFramework(Path.Combine(output, "PackageConsumer.runtimeconfig.json"));

            var room = TestRooms.NewName();
            var (bobName, bobConnection) = await TestClients.JoinAsNewUserAsync(server.BaseAddress, "bob", room);
            await using var bob = bobConnection;
            var carol = "carol-" + Guid.NewGuid().ToString("N")[..8];
            await bob.Hub.SendMessageAsync(room, "before you came");

            // The app ends by itself once it has a reply (or after its own 30 s); the runner kills it at 60 s.
            var run = ProcessRunner.RunAsync("dotnet", [Path.Combine(output, "PackageConsumer.dll"), server.BaseAddress.ToString(), carol, ChatApplication.Password, room],
                work, TimeSpan.FromSeconds(60), DotnetEnvironment);
            var welcome = WelcomeAsync(bob, carol, room);
            var result = await run;
            Assert.True(result.ExitCode == 0, result.Describe());
            await welcome;
            var lines = result.StandardOutput.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(
                [$"history: {bobName}: before you came", $"received: {carol}: hello from the package", $"received: {bobName}: welcome, {carol}"],
                lines);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Bob answers the app's message, which is what the app waits for before it exits.</summary>
    private static async Task WelcomeAsync(RecordedConnection bob, string carol, string room)
    {
        var hello = await bob.WaitForAsync<HubEvent.Message>(m => m.Value.User == carol, TimeSpan.FromSeconds(45));
        Assert.Equal((room, "hello from the package"), (hello.Value.Room, hello.Value.Text));
        await bob.Hub.SendMessageAsync(room, $"welcome, {carol}");
    }

    private static void AssertPackage(string path, string version)
    {
        Assert.True(File.Exists(path), $"no {Path.GetFileName(path)} in {Path.GetDirectoryName(path)}");
        using var package = ZipFile.OpenRead(path);
        Assert.NotNull(package.GetEntry("README.md"));
        Assert.NotNull(package.GetEntry("lib/net10.0/ChatServer.Client.dll"));
        Assert.NotNull(package.GetEntry("lib/net10.0/ChatServer.Client.xml"));
        using var nuspecStream = package.GetEntry("ChatServer.Client.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.Equal("README.md", metadata.Elements().Single(e => e.Name.LocalName == "readme").Value);
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);
        Assert.Equal(version, dependencies["ChatServer.Contracts"]);
        Assert.Contains("Microsoft.AspNetCore.SignalR.Client", dependencies.Keys);
    }

    /// <summary>The app runs on Microsoft.NETCore.App alone: the client did not drag in ASP.NET Core's shared framework.</summary>
    private static void AssertOnlyTheBaseFramework(string runtimeConfigPath)
    {
        using var config = JsonDocument.Parse(File.ReadAllText(runtimeConfigPath));
        var options = config.RootElement.GetProperty("runtimeOptions");
        Assert.False(options.TryGetProperty("frameworks", out _), File.ReadAllText(runtimeConfigPath));
        Assert.Equal("Microsoft.NETCore.App", options.GetProperty("framework").GetProperty("name").GetString());
    }

    /// <summary>
    /// The app's NuGet.Config: the folder feed added to the machine's own sources (no clear, so they are inherited,
    /// credentials included), and a packages folder of its own that falls back to the machine's, so the SignalR
    /// packages already there are used in place while the test's package never lands in the machine's folder.
    /// </summary>
    private static Task WriteNuGetConfigAsync(string directory, string feed, string machinePackages) =>
        File.WriteAllTextAsync(Path.Combine(directory, "nuget.config"), new XDocument(
            new XElement("configuration",
                new XElement("config", Add("globalPackagesFolder", Path.Combine(directory, "packages"))),
                new XElement("packageSources", Add("chatserver-test-feed", feed)),
                new XElement("fallbackPackageFolders", Add("machine", machinePackages)))).ToString());

    private static XElement Add(string key, string value) => new("add", new XAttribute("key", key), new XAttribute("value", value));

    private static async Task<string> MachinePackagesFolderAsync(string workingDirectory)
    {
        // "global-packages: /home/me/.nuget/packages/"
        var listed = await DotnetAsync(workingDirectory, "nuget", "locals", "global-packages", "--list");
        return listed.Trim().Split(": ", 2)[1];
    }

    private static async Task<string> DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var result = await ProcessRunner.RunAsync("dotnet", arguments, workingDirectory, TimeSpan.FromSeconds(120), DotnetEnvironment);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} in {workingDirectory}: {result.Describe()}");
        return result.StandardOutput;
    }
}
