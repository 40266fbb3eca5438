using System.ClientModel;
using System.Text;
using FineTuning.Toolkit.Connections;

namespace FineTuning.Toolkit.Jobs;

/// <summary>
/// A streamed <c>multipart/form-data</c> body: text fields, then one file part with an explicit
/// <c>Content-Type</c> (Azure rejects a file part without one), CRLF line endings. The file stream is not disposed.
/// </summary>
internal sealed class MultipartContent : BinaryContent
{
    private readonly byte[] _head;
    private readonly byte[] _tail;
    private readonly Stream _file;
    private readonly long _start;
    private readonly Action<long>? _progress;

    public MultipartContent(string boundary, IReadOnlyList<KeyValuePair<string, string>> fields, string fileField, string fileName, Stream file, Action<long>? progress = null)
    {
        Boundary = boundary;
        var head = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            head.Append("--").Append(Boundary).Append("\r\n")
                .Append("Content-Disposition: form-data; name=\"").Append(name).Append("\"\r\n\r\n")
                .Append(value).Append("\r\n");
        }

        head.Append("--").Append(Boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"").Append(fileField).Append("\"; filename=\"").Append(Escape(fileName)).Append("\"\r\n")
            .Append("Content-Type: application/octet-stream\r\n\r\n");
        _head = Encoding.UTF8.GetBytes(head.ToString());
        _tail = Encoding.UTF8.GetBytes("\r\n--" + Boundary + "--\r\n");
        _file = file;
        _start = file.CanSeek ? file.Position : 0;
        _progress = progress;
    }

    public string Boundary { get; }

    public static string NewBoundary() => "ftk-" + Guid.NewGuid().ToString("N");

    public static string ContentTypeFor(string boundary) => "multipart/form-data; boundary=" + boundary;

    /// <summary>
    /// Uploads a seekable stream as one multipart request (the one file upload of every job client): the fields, then the file
    /// from the stream's position; each attempt rewinds, <paramref name="recover"/> looks for a file a failed attempt may have
    /// stored (given the file's length), and the bytes are counted in <see cref="JobsTelemetry.BytesUploaded"/>.
    /// </summary>
    public static async Task<FineTuningFileInfo> UploadAsync(
        ApiConnection api, string path, Stream content, string fileName, IReadOnlyList<KeyValuePair<string, string>> fields,
        Func<ApiResponse, FineTuningFileInfo> parse, Func<long, CancellationToken, Task<FineTuningFileInfo?>> recover, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (!content.CanSeek)
        {
            throw new ArgumentException("The content stream must be seekable so a failed attempt can be resent.", nameof(content));
        }

        var start = content.Position;
        var length = content.Length - start;
        var boundary = NewBoundary();
        var file = await api.SendAsync(
            new ApiRequest("files.upload", "POST", path)
            {
                Content = () =>
                {
                    content.Position = start;
                    return new MultipartContent(boundary, fields, "file", fileName, content);
                },
                ContentType = ContentTypeFor(boundary),
            },
            parse,
            ct => recover(length, ct),
            cancellationToken).ConfigureAwait(false);
        JobsTelemetry.BytesUploaded.Add(length);
        return file;
    }

    public override bool TryComputeLength(out long length)
    {
        if (_file.CanSeek)
        {
            length = _head.Length + (_file.Length - _start) + _tail.Length;
            return true;
        }

        length = 0;
        return false;
    }

    public override void WriteTo(Stream stream, CancellationToken cancellationToken = default) =>
        WriteToAsync(stream, cancellationToken).GetAwaiter().GetResult();

    public override async Task WriteToAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        if (_file.CanSeek)
        {
            _file.Position = _start;
        }

        await stream.WriteAsync(_head, cancellationToken).ConfigureAwait(false);
        var buffer = new byte[81920];
        int read;
        while ((read = await _file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            _progress?.Invoke(read);
        }

        await stream.WriteAsync(_tail, cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
    }

    private static string Escape(string fileName) => fileName.Replace("\"", "_", StringComparison.Ordinal).Replace("\r", "_", StringComparison.Ordinal).Replace("\n", "_", StringComparison.Ordinal);
}
