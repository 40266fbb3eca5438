using Microsoft.Extensions.AI;

namespace FineTuning.Toolkit.Tests.Evaluation.Runner;

/// <summary>An in-memory chat client: answers with a delegate, counts calls, can fail the first N calls.</summary>
internal sealed class FakeChatClient(Func<IEnumerable<ChatMessage>, ChatOptions?, int, string> answer) : IChatClient
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Func<int, Exception?>? FailCall { get; init; }

    public Func<int, CancellationToken, Task>? BeforeAnswer { get; init; }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var n = Interlocked.Increment(ref _calls);
        if (BeforeAnswer is not null) await BeforeAnswer(n, cancellationToken);
        if (FailCall?.Invoke(n) is { } ex) throw ex;
        var text = answer(messages, options, n);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = options?.ModelId,
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 10, OutputTokenCount = 2, TotalTokenCount = 12 },
        };
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
