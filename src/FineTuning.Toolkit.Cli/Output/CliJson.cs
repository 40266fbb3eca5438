using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FineTuning.Toolkit.Cli.Output;

/// <summary>The one way a command prints <c>--json</c>: a record from <see cref="CliJsonContext"/>, indented, non-ASCII text kept readable.</summary>
internal static class CliJson
{
    /// <summary>Gets the printing options: <see cref="CliJsonContext"/>'s convention, indented, with relaxed escaping (the output is a terminal or a file, never HTML).</summary>
    public static JsonSerializerOptions Options { get; } = new CliJsonContext(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }).Options;

    /// <summary>Gets the options for JSON Lines output: the same convention on one line.</summary>
    public static JsonSerializerOptions LineOptions { get; } = new CliJsonContext(new JsonSerializerOptions(CliJsonContext.Default.Options)
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }).Options;

    /// <summary>Renders <paramref name="value"/> on one line (a JSON Lines record).</summary>
    /// <typeparam name="T">The output record.</typeparam>
    /// <param name="value">The record.</param>
    /// <param name="typeInfo">Its metadata from <see cref="CliJsonContext.Default"/>.</param>
    /// <returns>The JSON text, without a newline.</returns>
    public static string SerializeLine<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return JsonSerializer.Serialize(value, (JsonTypeInfo<T>)LineOptions.GetTypeInfo(typeof(T)));
    }

    /// <summary>Prints <paramref name="value"/> as one JSON document followed by a newline.</summary>
    /// <typeparam name="T">The output record.</typeparam>
    /// <param name="output">Where to print.</param>
    /// <param name="value">The record.</param>
    /// <param name="typeInfo">Its metadata from <see cref="CliJsonContext.Default"/>.</param>
    /// <returns>A task that completes when the text is written.</returns>
    public static Task WriteAsync<T>(TextWriter output, T value, JsonTypeInfo<T> typeInfo) =>
        output.WriteLineAsync(Serialize(value, typeInfo));

    /// <summary>Renders <paramref name="value"/> as <see cref="WriteAsync{T}"/> prints it.</summary>
    /// <typeparam name="T">The output record.</typeparam>
    /// <param name="value">The record.</param>
    /// <param name="typeInfo">Its metadata from <see cref="CliJsonContext.Default"/>.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var info = ReferenceEquals(typeInfo.Options, Options) ? typeInfo : (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
        return JsonSerializer.Serialize(value, info);
    }
}
