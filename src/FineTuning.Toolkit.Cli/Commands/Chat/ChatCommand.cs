using System.CommandLine;
using System.Text.Json.Nodes;
using FineTuning.Toolkit.Cli.Commands.Shared;
using FineTuning.Toolkit.Connections;
using FineTuning.Toolkit.Evaluation.Running;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using static FineTuning.Toolkit.Cli.Commands.Shared.JobCommandSupport;

namespace FineTuning.Toolkit.Cli.Commands.Chat;

/// <summary><c>ftk chat MODEL</c>: ask a (fine-tuned) model one question, or talk to it when standard input is a terminal.</summary>
internal static class ChatCommand
{
    public static Command Create()
    {
        var command = new Command("chat", "Ask a model (a fine-tuned one, typically) a question: one-shot with --prompt or standard input, or a conversation when standard input is a terminal.");
        var model = new Argument<string>("MODEL") { Description = "The model id or deployment, e.g. ft:gpt-4o-mini-2024-07-18:acme:tickets:abc." }.NotBlank();
        var system = new Option<string?>("--system") { Description = "A system message sent before the conversation.", HelpName = "TEXT" }.NotEmpty();
        var prompt = new Option<string?>("--prompt") { Description = "The question; answers once and exits (default: standard input when it is redirected, else a conversation).", HelpName = "TEXT" }.NotEmpty();
        var json = Json();
        command.OnInterrupt("Nothing is kept: a conversation lives only in this session.");
        command.Add(model);
        command.Add(system);
        command.Add(prompt);
        command.Add(json);
        var connection = AddConnection(command);
        command.SetAction((parse, ct) => RunAsync(parse, connection, async (services, output) =>
        {
            try
            {
                return await ConverseAsync(parse, services, output, model, system, prompt, json, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && EvalFailure.StatusOf(ex) is not null)
            {
                // A refused call (unknown model, no access, rate limit after retries): one line, secrets masked.
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: {parse.GetValue(model)} did not answer: {EvalFailure.Describe(ex)}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }));
        return command;
    }

    private static async Task<int> ConverseAsync(ParseResult parse, IServiceProvider services, TextWriter output, Argument<string> model, Option<string?> system, Option<string?> prompt, Option<bool> json, CancellationToken ct)
    {
        {
            var client = services.GetRequiredService<IFineTuningConnection>().GetChatClient(parse.GetValue(model)!);
            var history = new List<ChatMessage>();
            if (parse.GetValue(system) is { } systemText)
            {
                history.Add(new ChatMessage(ChatRole.System, systemText));
            }

            var question = parse.GetValue(prompt);
            if (question is null && Console.IsInputRedirected)
            {
                question = await Console.In.ReadToEndAsync(ct).ConfigureAwait(false);
                if (string.IsNullOrWhiteSpace(question))
                {
                    throw new CliUsageException("standard input is empty: pass --prompt TEXT or pipe a question.");
                }
            }

            if (question is not null)
            {
                history.Add(new ChatMessage(ChatRole.User, question));
                var response = await client.GetResponseAsync(history, cancellationToken: ct).ConfigureAwait(false);
                if (parse.GetValue(json))
                {
                    // Minimal machine-readable output: the model that answered and the answer.
                    await output.WriteLineAsync(new JsonObject { ["model"] = response.ModelId ?? parse.GetValue(model), ["content"] = response.Text }.ToJsonString()).ConfigureAwait(false);
                }
                else
                {
                    await output.WriteLineAsync(response.Text).ConfigureAwait(false);
                }

                return ExitCodes.Success;
            }

            if (parse.GetValue(json))
            {
                throw new CliUsageException("--json needs a one-shot question: pass --prompt TEXT or pipe it on standard input.");
            }

            await output.WriteLineAsync("Type a message and press Enter; an empty line or Ctrl+D ends the conversation.").ConfigureAwait(false);
            while (true)
            {
                await output.WriteAsync("> ").ConfigureAwait(false);
                var line = await Console.In.ReadLineAsync(ct).ConfigureAwait(false);
                if (string.IsNullOrWhiteSpace(line))
                {
                    return ExitCodes.Success;
                }

                history.Add(new ChatMessage(ChatRole.User, line));
                var response = await client.GetResponseAsync(history, cancellationToken: ct).ConfigureAwait(false);
                history.AddMessages(response);
                await output.WriteLineAsync(response.Text).ConfigureAwait(false);
            }
        }
    }
}
