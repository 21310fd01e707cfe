namespace ChatServer.Chat;

/// <summary>Turns the <c>@name</c>s of a text into the existing users they name (by their registered spelling).</summary>
public sealed class MentionResolver(IUserStore users)
{
    /// <summary>The mentioned users in order of first mention, or null when there are none.</summary>
    public async Task<IReadOnlyList<string>?> ResolveAsync(string text, CancellationToken cancellationToken)
    {
        List<string>? found = null;
        foreach (var candidate in MentionParser.FindCandidates(text))
        {
            if (await users.FindAsync(candidate, cancellationToken) is { } account)
            {
                (found ??= []).Add(account.UserName);
            }
        }

        return found;
    }
}
