using System.Globalization;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Internal;

/// <summary>
/// The emulated Azure Resource Manager deployments of one account: provisioning on the emulator's clock
/// (<c>Creating</c>/<c>Updating</c> → <c>Succeeded</c>), Developer-tier deployments that vanish after 24 hours, and the
/// lookup the chat route uses to answer by deployment name.
/// </summary>
internal sealed class EmulatorDeployments
{
    private static readonly TimeSpan s_developerLifetime = TimeSpan.FromHours(24);
    private static readonly string[] s_skus = ["Standard", "GlobalStandard", "DeveloperTier"];
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Deployment> _deployments = new(StringComparer.OrdinalIgnoreCase);
    private readonly EmulatorStore _store;
    private readonly VirtualClock _clock;
    private readonly TimeSpan _provisioning;

    public EmulatorDeployments(EmulatorStore store, VirtualClock clock, TimeSpan provisioning)
    {
        _store = store;
        _clock = clock;
        _provisioning = provisioning < TimeSpan.Zero ? TimeSpan.Zero : provisioning;
    }

    /// <summary>Creates or updates a deployment; returns the body and whether it was created.</summary>
    public (JsonObject Body, bool Created) Put(string scope, string name, JsonObject body)
    {
        var sku = body["sku"] as JsonObject ?? throw Error(400, "InvalidRequestContent", "The request content must contain 'sku'.");
        var skuName = JsonText.Str(sku["name"]) ?? throw Error(400, "InvalidRequestContent", "sku.name is required.");
        var canonicalSku = s_skus.FirstOrDefault(s => string.Equals(s, skuName, StringComparison.OrdinalIgnoreCase))
            ?? throw Error(400, "InvalidSkuName", $"The sku '{skuName}' is not supported for this deployment; use one of {string.Join(", ", s_skus)}.");
        var capacity = sku["capacity"] is JsonValue c && c.TryGetValue<int>(out var n) ? n : 1;
        if (capacity < 1)
        {
            throw Error(400, "InvalidCapacity", $"The capacity {capacity.ToString(CultureInfo.InvariantCulture)} must be at least 1.");
        }

        var model = body["properties"]?["model"] as JsonObject ?? throw Error(400, "InvalidRequestContent", "properties.model is required.");
        var modelName = JsonText.Str(model["name"]) ?? throw Error(400, "InvalidRequestContent", "properties.model.name is required.");
        var format = JsonText.Str(model["format"]) ?? throw Error(400, "InvalidRequestContent", "properties.model.format is required.");
        var version = JsonText.Str(model["version"]) ?? "1";
        try
        {
            _ = _store.LookupChatModel(modelName);
        }
        catch (ApiError)
        {
            throw Error(400, "DeploymentModelNotSupported", $"The model '{modelName}' (format {format}, version {version}) is not available on this account: deploy a fine-tuned model id of a succeeded job.");
        }

        // An open-weight fine-tune deploys only with its publisher's format ("Microsoft", "Mistral AI", "Meta", "Alibaba");
        // Azure answers any other, "OpenAI-OSS" included, with a bare HTTP 500 (Microsoft's finetuning agent skill,
        // microsoft/azure-skills references/deployment.md). Case-sensitive, as there.
        var expected = FineTuning.Toolkit.Deployments.ArmDeploymentClient.InferFormat(modelName);
        if (expected != "OpenAI" && !string.Equals(format, expected, StringComparison.Ordinal))
        {
            throw Error(500, "InternalServerError", "An internal error occurred.");
        }

        lock (_gate)
        {
            ExpireLocked();
            var created = !_deployments.ContainsKey(name);
            var deployment = new Deployment(scope, name, modelName, format, version, canonicalSku, capacity, _clock.Now, created ? "Creating" : "Updating");
            _deployments[name] = deployment;
            return (ToJson(deployment), created);
        }
    }

    public JsonObject Get(string name)
    {
        lock (_gate)
        {
            ExpireLocked();
            return _deployments.TryGetValue(name, out var deployment) ? ToJson(deployment) : throw NotFound(name);
        }
    }

    public JsonObject List()
    {
        lock (_gate)
        {
            ExpireLocked();
            return new JsonObject { ["value"] = new JsonArray([.. _deployments.Values.OrderBy(d => d.Name, StringComparer.Ordinal).Select(d => (JsonNode)ToJson(d))]) };
        }
    }

    /// <summary>Deletes a deployment; false when there was none (ARM answers 204 then).</summary>
    public bool Delete(string name)
    {
        lock (_gate)
        {
            ExpireLocked();
            return _deployments.Remove(name);
        }
    }

    /// <summary>The model a chat call's <c>model</c> names when it is a deployment name; throws while the deployment is not ready.</summary>
    public string? ResolveChatModel(string model)
    {
        lock (_gate)
        {
            ExpireLocked();
            if (!_deployments.TryGetValue(model, out var deployment))
            {
                return null;
            }

            return State(deployment) == "Succeeded"
                ? deployment.Model
                : throw Error(400, "DeploymentNotReady", $"The deployment '{model}' is not ready yet (it is provisioning); retry in a moment.");
        }
    }

    private static ApiError NotFound(string name) =>
        Error(404, "DeploymentNotFound", $"The deployment '{name}' was not found.");

    private static ApiError Error(int status, string code, string message) => new(status, message, "arm_error", code: code);

    private string State(Deployment deployment) => _clock.Now - deployment.Since >= _provisioning ? "Succeeded" : deployment.Pending;

    private void ExpireLocked()
    {
        var now = _clock.Now;
        foreach (var expired in _deployments.Values.Where(d => d.Sku == "DeveloperTier" && now - d.Since >= s_developerLifetime).Select(d => d.Name).ToList())
        {
            _deployments.Remove(expired);
        }
    }

    private JsonObject ToJson(Deployment d) => new()
    {
        ["id"] = $"{d.Scope}/deployments/{d.Name}",
        ["type"] = "Microsoft.CognitiveServices/accounts/deployments",
        ["name"] = d.Name,
        ["sku"] = new JsonObject { ["name"] = d.Sku, ["capacity"] = d.Capacity },
        ["properties"] = new JsonObject
        {
            ["model"] = new JsonObject { ["format"] = d.Format, ["name"] = d.Model, ["version"] = d.Version },
            ["provisioningState"] = State(d),
        },
        ["systemData"] = new JsonObject { ["createdAt"] = d.Since.ToString("o", CultureInfo.InvariantCulture) },
    };

    private sealed record Deployment(string Scope, string Name, string Model, string Format, string Version, string Sku, int Capacity, DateTimeOffset Since, string Pending);
}
