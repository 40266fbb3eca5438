using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FineTuning.Toolkit.IO;

/// <summary>
/// The toolkit's one JSON convention, as used from the library: the options of the source-generated
/// <c>FineTuning.Toolkit.Serialization.ToolkitJsonContext</c> (registered when the assembly loads) and an indented
/// variant for files people open, such as <c>report.json</c>.
/// </summary>
internal static class ToolkitJson
{
    private static JsonSerializerOptions? s_options;
    private static JsonSerializerOptions? s_indented;

    /// <summary>Gets the convention's options.</summary>
    public static JsonSerializerOptions Options => s_options ?? throw new InvalidOperationException("The toolkit's JSON context is not registered.");

    /// <summary>Gets the metadata of <typeparamref name="T"/> (a type registered in the context).</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <returns>The metadata.</returns>
    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>Gets the metadata of <typeparamref name="T"/> for indented output.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <returns>The metadata.</returns>
    public static JsonTypeInfo<T> IndentedInfo<T>() => (JsonTypeInfo<T>)(s_indented ?? throw new InvalidOperationException("The toolkit's JSON context is not registered.")).GetTypeInfo(typeof(T));

    /// <summary>Registers the context's options (once, at module load).</summary>
    /// <param name="options">The options of the source-generated context.</param>
    internal static void Register(JsonSerializerOptions options)
    {
        s_options = options;
        s_indented = new JsonSerializerOptions(options) { WriteIndented = true };
        s_indented.MakeReadOnly();
    }
}
