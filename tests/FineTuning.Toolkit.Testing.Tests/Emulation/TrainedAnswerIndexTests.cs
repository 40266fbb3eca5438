using FineTuning.Toolkit.Testing.Internal;

namespace FineTuning.Toolkit.Testing.Tests.Emulation;

public sealed class TrainedAnswerIndexTests
{
    private static readonly Dictionary<string, string> Trained = new(StringComparer.Ordinal)
    {
        [PromptKey.Normalize("Classify the ticket. Categories: billing, outage\nTicket: I was charged twice on my invoice")] = "billing",
        [PromptKey.Normalize("Classify the ticket. Categories: billing, outage\nTicket: The invoice total is wrong this month")] = "billing",
        [PromptKey.Normalize("Classify the ticket. Categories: billing, outage\nTicket: The whole service is down for everyone")] = "outage",
        [PromptKey.Normalize("Classify the ticket. Categories: billing, outage\nTicket: Every page returns 503, nothing loads")] = "outage",
    };

    [Fact]
    public void An_unseen_prompt_close_to_trained_ones_gets_the_nearest_trained_reply()
    {
        var index = new TrainedAnswerIndex(Trained);
        Assert.Equal("billing", index.Nearest(PromptKey.Normalize("Classify the ticket. Categories: billing, outage\nTicket: We were charged twice, please fix the invoice")));
        Assert.Equal("outage", index.Nearest(PromptKey.Normalize("Classify the ticket. Categories: billing, outage\nTicket: The service is down and nothing loads")));
    }

    [Fact]
    public void A_prompt_sharing_only_the_instruction_line_falls_back_to_the_base_model()
    {
        var index = new TrainedAnswerIndex(Trained);
        // The instruction line is in every trained prompt, so its words carry no weight.
        Assert.Null(index.Nearest(PromptKey.Normalize("Classify the ticket. Categories: billing, outage\nTicket: what is the capital of france")));
        Assert.Null(index.Nearest(PromptKey.Normalize("Tell me about a cat on a mat")));
    }

    [Fact]
    public void An_empty_training_set_never_matches()
    {
        Assert.Null(new TrainedAnswerIndex(new Dictionary<string, string>()).Nearest("anything at all"));
    }
}
