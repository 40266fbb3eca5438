using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Evaluation.Scoring;

/// <summary>
/// A validator for a documented subset of JSON Schema (draft 2020-12 semantics for the keywords it knows).
/// </summary>
/// <remarks>
/// <para>Supported: <c>type</c> (a name or an array of names; <c>integer</c> accepts numbers with no fractional part),
/// <c>enum</c>, <c>const</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties</c> (boolean or schema),
/// <c>items</c> (one schema for every element), <c>minItems</c>, <c>maxItems</c>, <c>uniqueItems</c>, <c>minLength</c>,
/// <c>maxLength</c> (counted in Unicode scalar values), <c>pattern</c>, <c>minimum</c>, <c>maximum</c>,
/// <c>exclusiveMinimum</c>, <c>exclusiveMaximum</c>, <c>minProperties</c>, <c>maxProperties</c>.</para>
/// <para>Ignored annotations: <c>$schema</c>, <c>$id</c>, <c>$comment</c>, <c>title</c>, <c>description</c>,
/// <c>default</c>, <c>examples</c>, <c>format</c>, <c>deprecated</c>, <c>readOnly</c>, <c>writeOnly</c>.</para>
/// <para>Any other keyword (<c>$ref</c>, <c>anyOf</c>, <c>oneOf</c>, <c>allOf</c>, <c>not</c>, <c>if</c>,
/// <c>patternProperties</c>, …) is rejected when the schema is loaded, so an unsupported schema never silently
/// passes everything.</para>
/// </remarks>
internal sealed class JsonSchemaSubset
{
    private static readonly HashSet<string> Supported = new(StringComparer.Ordinal)
    {
        "type", "enum", "const", "properties", "required", "additionalProperties", "items", "minItems", "maxItems",
        "uniqueItems", "minLength", "maxLength", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "minProperties", "maxProperties",
    };

    private static readonly HashSet<string> Annotations = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$comment", "title", "description", "default", "examples", "format", "deprecated", "readOnly", "writeOnly",
    };

    private static readonly HashSet<string> TypeNames = new(StringComparer.Ordinal) { "string", "number", "integer", "boolean", "object", "array", "null" };

    private readonly JsonElement _schema;

    private JsonSchemaSubset(JsonElement schema) => _schema = schema;

    /// <summary>Loads and checks a schema.</summary>
    /// <param name="schemaJson">The schema text.</param>
    /// <returns>The validator.</returns>
    /// <exception cref="ArgumentException">The schema is not valid JSON, or uses a keyword outside the subset (the message gives its JSON path).</exception>
    public static JsonSchemaSubset Parse(string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(schemaJson);
            root = doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The schema is not valid JSON: {ex.Message}", nameof(schemaJson), ex);
        }

        CheckSchema(root, "$");
        return new JsonSchemaSubset(root);
    }

    /// <summary>Validates <paramref name="instance"/>.</summary>
    /// <param name="instance">The JSON value.</param>
    /// <returns>The violations as "JSON path: message" (empty when valid); at most 20.</returns>
    public IReadOnlyList<string> Validate(JsonElement instance)
    {
        var errors = new List<string>();
        Validate(_schema, instance, "$", errors);
        return errors;
    }

    private static void CheckSchema(JsonElement schema, string path)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"Schema at {path} must be an object or a boolean.");
        }

        foreach (var property in schema.EnumerateObject())
        {
            if (!Supported.Contains(property.Name) && !Annotations.Contains(property.Name))
            {
                throw new ArgumentException($"Schema keyword '{property.Name}' at {path} is outside the supported subset (type, required, properties, additionalProperties, enum, const, items, min/max*, pattern, uniqueItems).");
            }
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()) : [type.GetString()];
            foreach (var name in names)
            {
                if (name is null || !TypeNames.Contains(name))
                {
                    throw new ArgumentException($"Schema at {path}.type has unknown type '{name}'.");
                }
            }
        }

        if (schema.TryGetProperty("pattern", out var pattern))
        {
            _ = new Regex(pattern.GetString() ?? string.Empty, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }

        if (schema.TryGetProperty("properties", out var props))
        {
            foreach (var p in props.EnumerateObject())
            {
                CheckSchema(p.Value, $"{path}.properties.{p.Name}");
            }
        }

        if (schema.TryGetProperty("items", out var items))
        {
            CheckSchema(items, $"{path}.items");
        }

        if (schema.TryGetProperty("additionalProperties", out var additional))
        {
            CheckSchema(additional, $"{path}.additionalProperties");
        }
    }

    private static void Validate(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (errors.Count >= 20)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: no value is allowed here.");
            return;
        }

        if (schema.TryGetProperty("type", out var type))
        {
            var names = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!names.Any(n => IsType(value, n)))
            {
                errors.Add($"{path}: expected {string.Join(" or ", names)}, found {Describe(value)}.");
                return;
            }
        }

        if (schema.TryGetProperty("enum", out var enumValues) && !enumValues.EnumerateArray().Any(e => JsonElement.DeepEquals(e, value)))
        {
            errors.Add($"{path}: {Short(value)} is not one of {enumValues.GetRawText()}.");
        }

        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{path}: must equal {constant.GetRawText()}.");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                ValidateString(schema, value.GetString()!, path, errors);
                break;
            case JsonValueKind.Number:
                ValidateNumber(schema, value.GetDouble(), path, errors);
                break;
            case JsonValueKind.Array:
                ValidateArray(schema, value, path, errors);
                break;
            case JsonValueKind.Object:
                ValidateObject(schema, value, path, errors);
                break;
        }
    }

    private static void ValidateString(JsonElement schema, string s, string path, List<string> errors)
    {
        var length = s.EnumerateRunes().Count();
        if (schema.TryGetProperty("minLength", out var min) && length < min.GetDouble())
        {
            errors.Add($"{path}: length {length} is below minLength {min.GetRawText()}.");
        }

        if (schema.TryGetProperty("maxLength", out var max) && length > max.GetDouble())
        {
            errors.Add($"{path}: length {length} is above maxLength {max.GetRawText()}.");
        }

        if (schema.TryGetProperty("pattern", out var pattern))
        {
            try
            {
                if (!Regex.IsMatch(s, pattern.GetString()!, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
                {
                    errors.Add($"{path}: does not match pattern {pattern.GetRawText()}.");
                }
            }
            catch (RegexMatchTimeoutException)
            {
                errors.Add($"{path}: pattern {pattern.GetRawText()} timed out.");
            }
        }
    }

    private static void ValidateNumber(JsonElement schema, double x, string path, List<string> errors)
    {
        var inv = CultureInfo.InvariantCulture;
        if (schema.TryGetProperty("minimum", out var min) && x < min.GetDouble())
        {
            errors.Add(string.Create(inv, $"{path}: {x} is below minimum {min.GetRawText()}."));
        }

        if (schema.TryGetProperty("maximum", out var max) && x > max.GetDouble())
        {
            errors.Add(string.Create(inv, $"{path}: {x} is above maximum {max.GetRawText()}."));
        }

        if (schema.TryGetProperty("exclusiveMinimum", out var emin) && x <= emin.GetDouble())
        {
            errors.Add(string.Create(inv, $"{path}: {x} must be greater than {emin.GetRawText()}."));
        }

        if (schema.TryGetProperty("exclusiveMaximum", out var emax) && x >= emax.GetDouble())
        {
            errors.Add(string.Create(inv, $"{path}: {x} must be less than {emax.GetRawText()}."));
        }
    }

    private static void ValidateArray(JsonElement schema, JsonElement array, string path, List<string> errors)
    {
        var count = array.GetArrayLength();
        if (schema.TryGetProperty("minItems", out var min) && count < min.GetDouble())
        {
            errors.Add($"{path}: {count} items, fewer than minItems {min.GetRawText()}.");
        }

        if (schema.TryGetProperty("maxItems", out var max) && count > max.GetDouble())
        {
            errors.Add($"{path}: {count} items, more than maxItems {max.GetRawText()}.");
        }

        if (schema.TryGetProperty("uniqueItems", out var unique) && unique.ValueKind == JsonValueKind.True)
        {
            var seen = new List<JsonElement>();
            foreach (var element in array.EnumerateArray())
            {
                if (seen.Any(s => JsonElement.DeepEquals(s, element)))
                {
                    errors.Add($"{path}: items are not unique.");
                    break;
                }

                seen.Add(element);
            }
        }

        if (schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var element in array.EnumerateArray())
            {
                Validate(items, element, $"{path}[{i++}]", errors);
            }
        }
    }

    private static void ValidateObject(JsonElement schema, JsonElement obj, string path, List<string> errors)
    {
        var count = obj.EnumerateObject().Count();
        if (schema.TryGetProperty("minProperties", out var min) && count < min.GetDouble())
        {
            errors.Add($"{path}: {count} properties, fewer than minProperties {min.GetRawText()}.");
        }

        if (schema.TryGetProperty("maxProperties", out var max) && count > max.GetDouble())
        {
            errors.Add($"{path}: {count} properties, more than maxProperties {max.GetRawText()}.");
        }

        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                if (!obj.TryGetProperty(name, out _))
                {
                    errors.Add($"{path}: required property '{name}' is missing.");
                }
            }
        }

        schema.TryGetProperty("properties", out var props);
        var hasAdditional = schema.TryGetProperty("additionalProperties", out var additional);
        foreach (var property in obj.EnumerateObject())
        {
            var childPath = $"{path}.{property.Name}";
            if (props.ValueKind == JsonValueKind.Object && props.TryGetProperty(property.Name, out var propertySchema))
            {
                Validate(propertySchema, property.Value, childPath, errors);
            }
            else if (hasAdditional)
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    errors.Add($"{path}: property '{property.Name}' is not allowed.");
                }
                else
                {
                    Validate(additional, property.Value, childPath, errors);
                }
            }
        }
    }

    private static bool IsType(JsonElement value, string type) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && Math.Floor(value.GetDouble()) == value.GetDouble(),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => false,
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => "number",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string Short(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..37] + "...";
    }
}
