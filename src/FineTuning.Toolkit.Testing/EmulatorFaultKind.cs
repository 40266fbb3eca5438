namespace FineTuning.Toolkit.Testing;

/// <summary>What the emulator can inject in place of (or around) a normal response.</summary>
public enum EmulatorFaultKind
{
    /// <summary><c>429</c>: HTTP 429 with <c>retry-after</c> and <c>retry-after-ms</c>.</summary>
    RateLimited,

    /// <summary><c>500</c>: HTTP 500 with a <c>server_error</c> envelope.</summary>
    InternalServerError,

    /// <summary><c>502</c>: HTTP 502.</summary>
    BadGateway,

    /// <summary><c>503</c>: HTTP 503.</summary>
    ServiceUnavailable,

    /// <summary><c>reset</c>: the connection is aborted while the request body is being read (before any state changes).</summary>
    ConnectionReset,

    /// <summary><c>truncate</c>: the request is processed, half the response is sent, then the connection is aborted.</summary>
    TruncatedResponse,

    /// <summary><c>lost</c>: the request is processed (state changes) but the connection is aborted instead of answering.</summary>
    LostResponse,

    /// <summary><c>delay=250ms</c>: the response is delayed by the given real time.</summary>
    Delay,
}
