using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>An error answered with the platform's envelope <c>{"error":{"message","type","param","code"}}</c>.</summary>
internal sealed class ApiError : Exception
{
    public ApiError(int status, string message, string type = "invalid_request_error", string? param = null, string? code = null)
        : base(message)
    {
        Status = status;
        Type = type;
        Param = param;
        Code = code;
    }

    public int Status { get; }

    public string Type { get; }

    public string? Param { get; }

    public string? Code { get; }

    public JsonObject ToJson() => Envelope(Message, Type, Param, Code);

    public static JsonObject Envelope(string message, string type, string? param, string? code) => new()
    {
        ["error"] = new JsonObject
        {
            ["message"] = message,
            ["type"] = type,
            ["param"] = param,
            ["code"] = code,
        },
    };

    public static ApiError BadRequest(string message, string? param = null, string? code = null) => new(400, message, param: param, code: code);

    public static ApiError NotFound(string message, string? param = null, string? code = null) => new(404, message, param: param, code: code);
}
