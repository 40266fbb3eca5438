using System.ClientModel.Primitives;
using System.Text.Json;

namespace FineTuning.Toolkit.Connections;

/// <summary>A successful response: the parsed JSON (buffered responses) or the content stream (streamed ones).</summary>
internal sealed class ApiResponse : IDisposable
{
    private readonly PipelineResponse _response;
    private JsonDocument? _json;

    public ApiResponse(PipelineResponse response, string? requestId)
    {
        _response = response;
        RequestId = requestId;
    }

    public int Status => _response.Status;

    public string? RequestId { get; }

    /// <summary>Gets the root element of the JSON body (valid until disposal).</summary>
    public JsonElement Json
    {
        get
        {
            _json ??= JsonDocument.Parse(_response.Content.ToMemory());
            return _json.RootElement;
        }
    }

    /// <summary>Gets a response header, or <see langword="null"/> when absent.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value.</returns>
    public string? Header(string name) => _response.Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Gets the body stream of a streamed response.</summary>
    public Stream ContentStream => _response.ContentStream ?? new MemoryStream(_response.Content.ToArray());

    public void Dispose()
    {
        _json?.Dispose();
        _response.Dispose();
    }
}
