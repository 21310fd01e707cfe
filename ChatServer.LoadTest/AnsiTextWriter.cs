using System.Text;
using Spectre.Console;

namespace ChatServer.LoadTest;

/// <summary>Routes System.CommandLine's help and parse errors to the same <see cref="IAnsiConsole"/> as the run.</summary>
internal sealed class AnsiTextWriter(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => console.Write(value.ToString());

    public override void Write(string? value)
    {
        if (value is not null)
        {
            console.Write(new Text(value));
        }
    }
}
