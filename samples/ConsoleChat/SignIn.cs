using ChatServer.Client;
using ChatServer.Contracts;
using Spectre.Console;

namespace ChatServer.Samples.ConsoleChat;

/// <summary>Registers the account unless the name is taken, then logs in; asks for what the command line left out.</summary>
internal static class SignIn
{
    public static async Task<LoginResponse> RunAsync(
        ChatApiClient api, IAnsiConsole console, string? userName, string? password, CancellationToken cancellationToken)
    {
        userName ??= await AskAsync(console, "user name", new TextPrompt<string>("user name:"), cancellationToken);
        password ??= await AskAsync(console, "password", new TextPrompt<string>("password:").Secret(), cancellationToken);
        return await api.RegisterOrLoginAsync(userName, password, cancellationToken);
    }

    // A script has nobody to answer a prompt: it must pass the value, and is told how.
    private static Task<string> AskAsync(IAnsiConsole console, string what, TextPrompt<string> prompt, CancellationToken cancellationToken) =>
        console.Profile.Capabilities.Interactive
            ? prompt.ShowAsync(console, cancellationToken)
            : throw new MissingInputException($"no {what} given and nobody to ask (stdin or stdout is not a terminal): pass --user and --password, or set {ConsoleChatCommand.PasswordVariable}");
}
