using ChatServer.Tests.Browser;
using ChatServer.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ChatServer.Tests.Js;

/// <summary>
/// Runs contract-check.mjs (the official @microsoft/signalr client under Node) against the real app on a real
/// Kestrel port: HTTP auth, every hub method and event, all transports, and the contract's error messages.
/// </summary>
public sealed class JavaScriptClientContractTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Official_JavaScript_client_passes_the_contract_checks(bool throughNginx)
    {
        var repositoryRoot = KestrelChatApplication.FindRepositoryRoot()
            ?? throw new InvalidOperationException($"ChatServer.sln not found above {AppContext.BaseDirectory}");
        var script = Path.Combine(repositoryRoot.FullName, "ChatServer.Tests", "Js", "contract-check.mjs");
        Assert.True(File.Exists(script), $"contract script missing: {script}");
        var signalRPackage = Path.Combine(repositoryRoot.FullName, "node_modules", "@microsoft", "signalr", "package.json");
        Assert.True(File.Exists(signalRPackage),
            $"node_modules/@microsoft/signalr not found in {repositoryRoot.FullName}: run 'npm ci' in the repository root");

        await using var app = new KestrelChatApplication();
        var baseAddress = app.Start();
        await using var nginx = throughNginx ? await NginxFrontProxy.StartAsync(baseAddress, CancellationToken.None) : null;
        if (nginx is not null)
        {
            baseAddress = nginx.BaseAddress;
        }

        var result = await NodeScript.RunAsync([script, baseAddress.GetLeftPart(UriPartial.Authority)], repositoryRoot.FullName, ScriptTimeout);

        output.WriteLine(result.StandardOutput);
        output.WriteLine(result.StandardError);
        Assert.True(result.ExitCode == 0, $"node: {result.Describe()}");
        Assert.Contains("all contract checks passed", result.StandardOutput, StringComparison.Ordinal);
    }
}
