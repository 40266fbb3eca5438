using System.Text.Json;
using System.Text.Json.Serialization;

namespace FineTuning.Toolkit.IO;

/// <summary>Writes and reads <typeparamref name="TEnum"/> as snake_case strings (<c>NoSignificantDifference</c> → <c>no_significant_difference</c>); registered per enum in the toolkit's JSON contexts.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
internal sealed class SnakeCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>Initializes a new instance of the <see cref="SnakeCaseEnumConverter{TEnum}"/> class.</summary>
    public SnakeCaseEnumConverter()
        : base(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    {
    }
}
