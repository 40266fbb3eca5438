using System.ClientModel;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Jobs;
using FineTuning.Toolkit.Models;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FineTuning.Toolkit.Deployments;

/// <summary>
/// <see cref="IModelDeploymentClient"/> over Azure Resource Manager
/// (<c>…/providers/Microsoft.CognitiveServices/accounts/{account}/deployments/{name}</c>), with the toolkit's retry
/// policy; readiness is checked with a one-token chat call through the data-plane connection.
/// </summary>
internal sealed class ArmDeploymentClient : IModelDeploymentClient
{
    private readonly FineTuningToolkitOptions _options;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Func<IFineTuningConnection> _connection;
    private readonly IModelCatalog? _catalog;
    private readonly Lock _gate = new();
    private ArmTarget? _target;

    public ArmDeploymentClient(FineTuningToolkitOptions options, TimeProvider time, ILoggerFactory? loggerFactory, Func<IFineTuningConnection> connection, IModelCatalog? catalog)
    {
        _options = options;
        _time = time;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _connection = connection;
        _catalog = catalog;
    }

    /// <summary>The ARM sku name of a deployment type.</summary>
    /// <param name="sku">The deployment type.</param>
    /// <returns>The ARM name.</returns>
    public static string SkuName(ModelDeploymentSku sku) => sku switch
    {
        ModelDeploymentSku.Standard => "Standard",
        ModelDeploymentSku.Developer => "DeveloperTier",
        _ => "GlobalStandard",
    };

    /// <summary>Parses a deployment type: <c>standard</c>, <c>globalstandard</c>/<c>global</c>, <c>developer</c>/<c>developertier</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="sku">The deployment type.</param>
    /// <returns><see langword="true"/> when the text names one.</returns>
    public static bool TryParseSku(string? text, out ModelDeploymentSku sku)
    {
        // The same spellings as the training types (one tier vocabulary for training and deployment).
        if (AzureTrainingTypes.TryParse(text, out var type))
        {
            sku = type switch
            {
                AzureTrainingType.Standard => ModelDeploymentSku.Standard,
                AzureTrainingType.Developer => ModelDeploymentSku.Developer,
                _ => ModelDeploymentSku.GlobalStandard,
            };
            return true;
        }

        sku = default;
        return false;
    }

    /// <summary>The <c>properties.model.format</c> of a model in an ARM PUT: <c>OpenAI</c>, or the open-weight publisher's format.</summary>
    /// <param name="model">The fine-tuned model id.</param>
    /// <returns>The format.</returns>
    public static string InferFormat(string model)
    {
        // ARM REST takes the publisher's name for open-weight fine-tunes ("Microsoft" for gpt-oss, "Mistral AI", "Meta",
        // "Alibaba"); "OpenAI-OSS" is only the az CLI's --model-format and fails with HTTP 500 in an ARM PUT (Microsoft's
        // finetuning agent skill, microsoft/azure-skills .github/plugins/azure-skills/skills/microsoft-foundry/finetuning/
        // references/deployment.md, 2026-08; not in Microsoft's docs). Pass ModelDeploymentRequest.ModelFormat to override.
        var baseModel = ModelIds.GetBaseModelId(model).ToLowerInvariant();
        return baseModel switch
        {
            _ when baseModel.StartsWith("gpt-oss", StringComparison.Ordinal) => "Microsoft",
            _ when baseModel.StartsWith("ministral", StringComparison.Ordinal) || baseModel.StartsWith("mistral", StringComparison.Ordinal) => "Mistral AI",
            _ when baseModel.StartsWith("llama", StringComparison.Ordinal) => "Meta",
            _ when baseModel.StartsWith("qwen", StringComparison.Ordinal) => "Alibaba",
            _ => "OpenAI",
        };
    }

    public async Task<ModelDeployment> CreateOrUpdateAsync(ModelDeploymentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = request.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The deployment request is invalid: " + string.Join(" ", errors), nameof(request));
        }

        var target = Target();
        var body = new JsonObject
        {
            ["sku"] = new JsonObject { ["name"] = SkuName(request.Sku), ["capacity"] = request.Capacity },
            ["properties"] = new JsonObject
            {
                ["model"] = new JsonObject
                {
                    ["format"] = request.ModelFormat ?? InferFormat(request.Model),
                    ["name"] = request.Model.Trim(),
                    ["version"] = request.ModelVersion,
                },
            },
        };
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var deployment = await target.Api.SendAsync(
            new ApiRequest("deployments.create", "PUT", Path(target, request.Name)) { Content = () => BinaryContent.Create(BinaryData.FromBytes(bytes)) },
            r => Read(r.Json),
            recover: null,
            cancellationToken).ConfigureAwait(false);
        return deployment with { Warnings = Warnings(request.Sku, request.Model) };
    }

    public async Task<ModelDeployment> WaitUntilReadyAsync(string name, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var target = Target();
        var limit = timeout ?? target.Settings.ReadyTimeout;
        var started = _time.GetTimestamp();
        string? lastProbe = null;
        while (true)
        {
            var deployment = await GetAsync(name, cancellationToken).ConfigureAwait(false)
                ?? throw new FineTuningApiException($"There is no deployment named '{name}' on account {target.Settings.AccountName}.") { StatusCode = 404, Operation = "GET deployments/" + name };
            var state = deployment.ProvisioningState ?? "Unknown";
            if (state is "Failed" or "Canceled" or "Deleting")
            {
                throw new FineTuningApiException($"Deployment '{name}' did not provision: its provisioningState is {state}. Check the model (is it deployable?), the sku and the account's quota, then deploy again.")
                {
                    Operation = "GET deployments/" + name,
                };
            }

            if (string.Equals(state, "Succeeded", StringComparison.OrdinalIgnoreCase))
            {
                lastProbe = await ProbeAsync(name, cancellationToken).ConfigureAwait(false);
                if (lastProbe is null)
                {
                    return deployment with { Ready = true, Warnings = Warnings(ParseSku(deployment.Sku), deployment.Model) };
                }
            }

            var elapsed = _time.GetElapsedTime(started);
            if (elapsed >= limit)
            {
                throw new TimeoutException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Deployment '{name}' was not ready after {elapsed.TotalSeconds:0} s (provisioningState {state}")
                    + (lastProbe is null ? ")." : $"; a chat call by deployment name failed: {lastProbe}). Azure sometimes reports Succeeded for a deployment that never answers; delete it and deploy again."));
            }

            var wait = target.Settings.PollInterval;
            if (elapsed + wait > limit)
            {
                wait = limit - elapsed;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<ModelDeployment?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var target = Target();
        return target.Api.SendOrNotFoundAsync(new ApiRequest("deployments.get", "GET", Path(target, name)), r => Read(r.Json), cancellationToken);
    }

    public async IAsyncEnumerable<ModelDeployment> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var target = Target();
        string? path = "deployments?api-version=" + Uri.EscapeDataString(target.ApiVersion);
        while (path is not null)
        {
            var (items, next) = await target.Api.SendAsync(
                new ApiRequest("deployments.list", "GET", path),
                r =>
                {
                    var list = new List<ModelDeployment>();
                    if (r.Json.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in value.EnumerateArray())
                        {
                            list.Add(Read(item));
                        }
                    }

                    return Tuple.Create(list, JsonRead.String(r.Json, "nextLink"));
                },
                recover: null,
                cancellationToken).ConfigureAwait(false);
            foreach (var item in items)
            {
                yield return item;
            }

            path = next;
        }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var target = Target();

        // ARM answers 204 to a DELETE of a deployment that does not exist, so ask first.
        if (await GetAsync(name, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        _ = await target.Api.SendOrNotFoundAsync(new ApiRequest("deployments.delete", "DELETE", Path(target, name)), _ => name, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static string Path(ArmTarget target, string name) =>
        "deployments/" + Uri.EscapeDataString(name.Trim()) + "?api-version=" + Uri.EscapeDataString(target.ApiVersion);

    private static ModelDeploymentSku ParseSku(string? sku) => TryParseSku(sku, out var parsed) ? parsed : ModelDeploymentSku.GlobalStandard;

    private static ModelDeployment Read(JsonElement json)
    {
        var sku = JsonRead.Object(json, "sku");
        var properties = JsonRead.Object(json, "properties");
        var model = JsonRead.Object(properties, "model");
        return new ModelDeployment
        {
            Name = JsonRead.String(json, "name") ?? string.Empty,
            ResourceId = JsonRead.String(json, "id"),
            Sku = JsonRead.String(sku, "name"),
            Capacity = JsonRead.Int64(sku, "capacity") is { } capacity ? (int)capacity : null,
            Model = JsonRead.String(model, "name"),
            ModelFormat = JsonRead.String(model, "format"),
            ModelVersion = JsonRead.String(model, "version"),
            ProvisioningState = JsonRead.String(properties, "provisioningState"),
        };
    }

    private ArmTarget Target()
    {
        lock (_gate)
        {
            if (_target is null)
            {
                _target = ArmTarget.Create(_options, _time, _loggerFactory, out var errors)
                    ?? throw new InvalidOperationException("Azure deployments are not configured: " + string.Join(" ", errors));
            }

            return _target;
        }
    }

    /// <summary>A one-token chat call by deployment name; null when it answered, else why not.</summary>
    private async Task<string?> ProbeAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var chat = _connection().GetChatClient(name);
            _ = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "ping")], new ChatOptions { MaxOutputTokens = 1 }, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ClientResultException ex) when (ex.Status is 0 or 400 or 404 or 408 or 409 or 429 or >= 500)
        {
            return $"HTTP {ex.Status.ToString(CultureInfo.InvariantCulture)}: {new SecretRedactor(_options.ApiKey).Redact(ex.Message.Split('\n')[0])}";
        }
        catch (HttpRequestException ex)
        {
            return new SecretRedactor(_options.ApiKey).Redact(ex.Message);
        }
    }

    private List<string> Warnings(ModelDeploymentSku sku, string? model)
    {
        var warnings = new List<string>();
        if (sku == ModelDeploymentSku.Developer)
        {
            warnings.Add("Developer-tier deployments are deleted by Azure 24 hours after creation, used or not; they have no SLA and no hosting fee.");
            return warnings;
        }

        var tier = model is null ? null : _catalog?.Find("azure", model)?.FindTier(sku == ModelDeploymentSku.Standard ? "standard" : "global");
        warnings.Add((tier?.HostingPerHour is { } hourly and > 0
                ? string.Create(CultureInfo.InvariantCulture, $"Hosting is billed at about ${hourly:0.00} per hour (list price) while the deployment exists, used or not.")
                : "Hosting a fine-tuned deployment is billed per hour while it exists, used or not.")
            + " Azure deletes a fine-tuned deployment after 15 days without calls; delete it when done (ftk deployments delete NAME).");
        return warnings;
    }
}
