using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Deployments;
using Microsoft.Extensions.DependencyInjection;

namespace FineTuning.Toolkit.Cli.Commands.Shared;

/// <summary>What the deployment commands share: the Azure-only check, the error mapping and the output.</summary>
internal static class DeploySupport
{
    /// <summary>Runs a deployment command body with the deployment client; ARM settings problems become usage errors.</summary>
    public static Task<int> RunAsync(ParseResult parse, (Option<string?> Provider, Option<string?> BaseUrl) connection, Func<IModelDeploymentClient, TextWriter, Task<int>> body) =>
        JobCommandSupport.RunAsync(parse, connection, async (services, output) =>
        {
            if (services.GetRequiredService<IFineTuningConnection>().Provider != FineTuningProvider.Azure)
            {
                throw new CliUsageException("deployments exist only on Azure OpenAI / Microsoft Foundry (use --provider azure or set AZURE_OPENAI_ENDPOINT); OpenAI serves a fine-tuned model as soon as the job succeeds.");
            }

            try
            {
                return await body(services.GetRequiredService<IModelDeploymentClient>(), output).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex)
            {
                throw new CliUsageException(ex.Message);
            }
            catch (TimeoutException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        });

    /// <summary>One deployment as text lines.</summary>
    public static string Describe(ModelDeployment d)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{d.Name}: {d.Sku ?? "?"} x{d.Capacity?.ToString(CultureInfo.InvariantCulture) ?? "?"}, model {d.Model ?? "?"} ({d.ModelFormat ?? "?"}), {d.ProvisioningState ?? "unknown"}");
        if (d.Ready)
        {
            text.Append(", ready (answered a chat call)");
        }

        foreach (var warning in d.Warnings)
        {
            text.Append('\n').Append("warning: ").Append(warning);
        }

        return text.ToString();
    }

    /// <summary>Writes deployments as snake_case JSON: one object, or an array.</summary>
    public static async Task WriteJsonAsync(TextWriter output, IReadOnlyList<ModelDeployment> deployments, bool array)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            if (array)
            {
                w.WriteStartArray();
            }

            foreach (var d in deployments)
            {
                Write(w, d);
            }

            if (array)
            {
                w.WriteEndArray();
            }
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray())).ConfigureAwait(false);
    }

    private static void Write(Utf8JsonWriter w, ModelDeployment d)
    {
        w.WriteStartObject();
        w.WriteString("name", d.Name);
        w.WriteString("model", d.Model);
        w.WriteString("model_format", d.ModelFormat);
        w.WriteString("model_version", d.ModelVersion);
        w.WriteString("sku", d.Sku);
        if (d.Capacity is { } capacity)
        {
            w.WriteNumber("capacity", capacity);
        }
        else
        {
            w.WriteNull("capacity");
        }

        w.WriteString("provisioning_state", d.ProvisioningState);
        w.WriteBoolean("ready", d.Ready);
        w.WriteString("resource_id", d.ResourceId);
        w.WriteStartArray("warnings");
        foreach (var warning in d.Warnings)
        {
            w.WriteStringValue(warning);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
