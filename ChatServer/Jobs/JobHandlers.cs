namespace ChatServer.Jobs;

/// <summary>The registered job kinds, by name.</summary>
public sealed class JobHandlers(IEnumerable<IJobHandler> handlers)
{
    private readonly Dictionary<string, IJobHandler> _byKind = handlers.ToDictionary(handler => handler.Kind, StringComparer.Ordinal);

    public IJobHandler? Find(string kind) => _byKind.GetValueOrDefault(kind);
}
