using System.ClientModel.Primitives;
using System.Text;

namespace FineTuning.Toolkit.Connections;

/// <summary>
/// Redacts secrets from the body of every error response before anything reads it, so no client built on the
/// connection (jobs, files, chat, embeddings, batches) can put an echoed key into an exception, a log or a result file.
/// </summary>
internal sealed class ErrorRedactionPolicy(SecretRedactor redactor) : PipelinePolicy
{
    /// <inheritdoc/>
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ProcessNext(message, pipeline, currentIndex);
        Redact(message);
    }

    /// <inheritdoc/>
    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        await ProcessNextAsync(message, pipeline, currentIndex).ConfigureAwait(false);
        Redact(message);
    }

    private void Redact(PipelineMessage message)
    {
        // Only buffered responses: a streamed body is not read here (it would be consumed).
        if (!message.BufferResponse || message.Response is not { IsError: true } response)
        {
            return;
        }

        var text = response.Content.ToString();
        var redacted = redactor.Redact(text);
        if (!ReferenceEquals(text, redacted) && text != redacted)
        {
            response.ContentStream = new MemoryStream(Encoding.UTF8.GetBytes(redacted), writable: false);
        }
    }
}
