namespace ChatServer.Tests.Browser;

/// <summary>The two screens every page check runs on: a laptop, and a phone (touch, so no hover and a coarse pointer).</summary>
public sealed record PageSize(string Name, int Width, int Height, bool Phone)
{
    public static readonly PageSize Desktop = new("desktop", 1280, 800, Phone: false);
    public static readonly PageSize Phone390 = new("phone", 390, 844, Phone: true);

    /// <summary>For [InlineData]: "desktop" or "phone".</summary>
    public static PageSize Named(string name) => name switch
    {
        "desktop" => Desktop,
        "phone" => Phone390,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "desktop or phone"),
    };

    public override string ToString() => $"{Name} {Width}×{Height}";
}
