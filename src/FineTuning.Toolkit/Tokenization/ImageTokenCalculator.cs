using System.Buffers.Binary;

namespace FineTuning.Toolkit.Tokenization;

/// <summary>
/// The token cost of an image input as OpenAI documents it for gpt-4o-class vision models: <c>detail: "low"</c> costs a
/// flat 85 tokens; otherwise the image is scaled to fit 2048×2048, then its shortest side to 768 pixels, and costs
/// 85 + 170 per 512-pixel tile.
/// </summary>
public static class ImageTokenCalculator
{
    /// <summary>The flat cost of a low-detail image.</summary>
    public const int LowDetailTokens = 85;

    /// <summary>The cost of one 512×512 tile in high detail.</summary>
    public const int TokensPerTile = 170;

    /// <summary>Tokens of one image of the given size and detail (<c>low</c>, <c>high</c>, <c>auto</c> or null; auto and null count as high).</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="detail">The <c>image_url.detail</c> value.</param>
    /// <returns>The token count.</returns>
    public static int Count(int width, int height, string? detail)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (string.Equals(detail, "low", StringComparison.OrdinalIgnoreCase))
        {
            return LowDetailTokens;
        }

        double w = width;
        double h = height;
        if (Math.Max(w, h) > 2048)
        {
            double scale = 2048 / Math.Max(w, h);
            w *= scale;
            h *= scale;
        }

        if (Math.Min(w, h) > 768)
        {
            double scale = 768 / Math.Min(w, h);
            w *= scale;
            h *= scale;
        }

        int tiles = (int)Math.Ceiling(Math.Round(w, 6) / 512) * (int)Math.Ceiling(Math.Round(h, 6) / 512);
        return LowDetailTokens + (TokensPerTile * tiles);
    }

    /// <summary>
    /// Reads the pixel size of a base64 <c>data:</c> URL image (PNG, JPEG, GIF or WEBP) from its header, decoding at most
    /// the first 96 KB. Returns false for https URLs and unknown formats.
    /// </summary>
    /// <param name="url">The <c>image_url.url</c> value.</param>
    /// <param name="width">The width when known.</param>
    /// <param name="height">The height when known.</param>
    /// <returns>True when the size could be read.</returns>
    public static bool TryReadDataUrlSize(string? url, out int width, out int height)
    {
        width = height = 0;
        if (url is null || !url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        int comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !url.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var base64 = url.AsSpan(comma + 1);
        int take = Math.Min(base64.Length, 128 * 1024) & ~3;
        var bytes = new byte[take / 4 * 3];
        if (!Convert.TryFromBase64Chars(base64[..take], bytes, out int written))
        {
            return false;
        }

        return TryReadSize(bytes.AsSpan(0, written), out width, out height);
    }

    /// <summary>Reads the pixel size from the first bytes of a PNG, JPEG, GIF or WEBP file.</summary>
    /// <param name="header">The start of the file.</param>
    /// <param name="width">The width when known.</param>
    /// <param name="height">The height when known.</param>
    /// <returns>True when the size could be read.</returns>
    public static bool TryReadSize(ReadOnlySpan<byte> header, out int width, out int height)
    {
        width = height = 0;
        if (header.Length >= 24 && header[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            width = BinaryPrimitives.ReadInt32BigEndian(header[16..]);
            height = BinaryPrimitives.ReadInt32BigEndian(header[20..]);
        }
        else if (header.Length >= 10 && header[..4].SequenceEqual("GIF8"u8))
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(header[8..]);
        }
        else if (header.Length >= 30 && header[..4].SequenceEqual("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8))
        {
            var chunk = header[12..16];
            if (chunk.SequenceEqual("VP8 "u8))
            {
                width = BinaryPrimitives.ReadUInt16LittleEndian(header[26..]) & 0x3FFF;
                height = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]) & 0x3FFF;
            }
            else if (chunk.SequenceEqual("VP8L"u8) && header.Length >= 25)
            {
                uint bits = BinaryPrimitives.ReadUInt32LittleEndian(header[21..]);
                width = (int)(bits & 0x3FFF) + 1;
                height = (int)((bits >> 14) & 0x3FFF) + 1;
            }
            else if (chunk.SequenceEqual("VP8X"u8))
            {
                width = 1 + (header[24] | (header[25] << 8) | (header[26] << 16));
                height = 1 + (header[27] | (header[28] << 8) | (header[29] << 16));
            }
        }
        else if (header.Length >= 4 && header[0] == 0xFF && header[1] == 0xD8)
        {
            int i = 2;
            while (i + 9 < header.Length)
            {
                if (header[i] != 0xFF)
                {
                    return false;
                }

                byte marker = header[i + 1];
                if (marker == 0xFF)
                {
                    i++;
                    continue;
                }

                int length = BinaryPrimitives.ReadUInt16BigEndian(header[(i + 2)..]);
                bool startOfFrame = marker is >= 0xC0 and <= 0xCF && marker is not (0xC4 or 0xC8 or 0xCC);
                if (startOfFrame)
                {
                    height = BinaryPrimitives.ReadUInt16BigEndian(header[(i + 5)..]);
                    width = BinaryPrimitives.ReadUInt16BigEndian(header[(i + 7)..]);
                    break;
                }

                i += 2 + length;
            }
        }

        return width > 0 && height > 0;
    }
}
