using System.Text.RegularExpressions;

namespace FineTuning.Toolkit.Connections;

/// <summary>
/// Removes secrets from text a service or the network stack produced before it reaches an exception, a log, the console
/// or a file: the configured key, and anything shaped like a key (<c>sk-…</c>, 32-hex Azure keys, bearer tokens).
/// </summary>
internal sealed partial class SecretRedactor
{
    private const string Mask = "***";
    private readonly string? _secret;

    public SecretRedactor(string? secret) => _secret = string.IsNullOrEmpty(secret) ? null : secret;

    /// <summary>Gets a redactor that knows no configured secret (it still masks key-shaped text).</summary>
    public static SecretRedactor Default { get; } = new(null);

    /// <summary>Masks secrets in <paramref name="text"/>.</summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <returns>The text without secrets.</returns>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(text))]
    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (_secret is not null)
        {
            text = text.Replace(_secret, Mask, StringComparison.Ordinal);
        }

        return KeyShapes().Replace(text, m => m.Groups["prefix"].Success ? m.Groups["prefix"].Value + Mask : Mask);
    }

    [GeneratedRegex(@"(?<prefix>\b[Bb]earer\s+)[A-Za-z0-9\-._~+/]{16,}=*|\bsk-[A-Za-z0-9_\-]{16,}|\b[0-9a-fA-F]{32}\b|\b[A-Za-z0-9]{84}\b", RegexOptions.CultureInvariant)]
    private static partial Regex KeyShapes();
}
