using System.ClientModel;

namespace FineTuning.Toolkit.Connections;

/// <summary>One logical API call; the content factory is invoked once per attempt so retries resend the same bytes.</summary>
internal sealed class ApiRequest
{
    public ApiRequest(string operation, string method, string path)
    {
        Operation = operation;
        Method = method;
        Path = path;
    }

    /// <summary>Gets the operation name used in logs, spans and exceptions (e.g. <c>jobs.create</c>).</summary>
    public string Operation { get; }

    /// <summary>Gets the HTTP method.</summary>
    public string Method { get; }

    /// <summary>Gets the path relative to the base address, with its query string.</summary>
    public string Path { get; }

    /// <summary>Gets the content factory, if the request has a body.</summary>
    public Func<BinaryContent>? Content { get; init; }

    /// <summary>Gets the content type of the body.</summary>
    public string? ContentType { get; init; }

    /// <summary>Gets extra request headers (<c>Range</c> for a resumed download, Azure's preview-feature headers), or <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Gets a value indicating whether the response body is streamed rather than buffered.</summary>
    public bool StreamResponse { get; init; }

    /// <summary>Gets the path without the query string (safe to log).</summary>
    public string SafePath => Path.Split('?')[0];
}
