using System.Text.Json;

namespace ChatServer.LoadTest.Reporting;

/// <summary>Writes a result as one camelCase JSON object, for scripts (bench/) and the tests.</summary>
internal static class JsonReport
{
    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Serialize(LoadTestResult result) => JsonSerializer.Serialize(result, SerializerOptions);

    public static async Task WriteAsync(string path, LoadTestResult result, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, result, SerializerOptions, cancellationToken);
    }
}
