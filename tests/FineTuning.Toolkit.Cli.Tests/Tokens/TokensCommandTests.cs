using FineTuning.Toolkit.Cli;
using FineTuning.Toolkit.Tokenization;

namespace FineTuning.Toolkit.Cli.Tests.Tokens;

public sealed class TokensCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ftk-tokens-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Counts_text_with_the_default_o200k_encoding()
    {
        var (code, output, _) = await RunAsync("tokens", "Hello, world!");
        Assert.Equal(0, code);
        Assert.Equal("4", output.Trim());
    }

    [Fact]
    public async Task Prints_ids_for_the_chosen_encoding_and_model()
    {
        var (code, output, _) = await RunAsync("tokens", "--encoding", "cl100k_base", "--ids", "Hello, world!");
        Assert.Equal(0, code);
        Assert.Equal(["4", "9906 11 1917 0"], output.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')));

        (code, output, _) = await RunAsync("tokens", "--model", "gpt-3.5-turbo-0125", "--ids", "Hello, world!");
        Assert.Equal(0, code);
        Assert.Contains("9906 11 1917 0", output, StringComparison.Ordinal);

        (code, output, _) = await RunAsync("tokens", "--model", "ft:gpt-4o-mini-2024-07-18:acme::x1", "--ids", "Hello, world!");
        Assert.Contains("13225 11 2375 0", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--encoding", "p50k_base")]
    [InlineData("--model", "my-deployment")]
    public async Task Unknown_encoding_or_model_is_a_usage_error(string option, string value)
    {
        var (code, _, error) = await RunAsync("tokens", option, value, "x");
        Assert.Equal(2, code);
        Assert.Contains(value, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encoding_and_model_together_are_a_usage_error()
    {
        var (code, _, error) = await RunAsync("tokens", "--encoding", "o200k_base", "--model", "gpt-4o", "x");
        Assert.Equal(2, code);
        Assert.Contains("either", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jsonl_prints_one_object_per_line_in_order_with_a_dotted_field()
    {
        var file = Write(
            "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello, world!\"}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"\"}]}",
            "{\"messages\":[{\"role\":\"user\",\"content\":\"<|endoftext|>\"}]}");
        var (code, output, error) = await RunAsync("tokens", "--jsonl", file, "--field", "messages.0.content", "--ids");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        var lines = Lines(output);
        Assert.Equal(3, lines.Length);
        Assert.Equal("{\"count\":4,\"ids\":[13225,11,2375,0]}", lines[0]);
        Assert.Equal("{\"count\":0,\"ids\":[]}", lines[1]);
        var expected = TiktokenEncoding.O200kBase.Encode("<|endoftext|>");
        Assert.Equal($"{{\"count\":{expected.Length},\"ids\":[{string.Join(',', expected)}]}}", lines[2]);
    }

    [Fact]
    public async Task Jsonl_without_field_counts_every_string_value()
    {
        var file = Write("{\"prompt\":\"Hello\",\"completion\":\" world\",\"n\":3}");
        var (code, output, _) = await RunAsync("tokens", "--jsonl", file);
        Assert.Equal(0, code);
        int expected = TiktokenEncoding.O200kBase.CountTokens("Hello") + TiktokenEncoding.O200kBase.CountTokens(" world");
        Assert.Equal($"{{\"count\":{expected}}}", Lines(output)[0]);
    }

    [Fact]
    public async Task Malformed_lines_are_reported_with_their_line_number_and_exit_code_1()
    {
        var file = Write(
            "{\"text\":\"ok\"}",
            "{\"text\": oops}",
            "{\"other\":\"x\"}",
            "{\"text\":42}",
            "{\"text\":\"fine\"}");
        var (code, output, error) = await RunAsync("tokens", "--jsonl", file, "--field", "text");
        Assert.Equal(1, code);
        var lines = Lines(output);
        Assert.Equal(5, lines.Length);
        Assert.Equal("{\"count\":1}", lines[0]);
        Assert.StartsWith("{\"line\":2,\"error\":", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("{\"line\":3,\"error\":", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("{\"line\":4,\"error\":", lines[3], StringComparison.Ordinal);
        Assert.Equal("{\"count\":1}", lines[4]);
        Assert.Contains(":2: not valid JSON", error, StringComparison.Ordinal);
        Assert.Contains(":3: the field 'text' is missing", error, StringComparison.Ordinal);
        Assert.Contains(":4: the field 'text' is number, not text", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_file_is_an_io_error_with_exit_code_2()
    {
        var (code, _, error) = await RunAsync("tokens", "--jsonl", Path.Combine(_dir, "nope.jsonl"), "--field", "text");
        Assert.Equal(2, code);
        Assert.Contains("nope.jsonl", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Field_without_jsonl_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("tokens", "--field", "text", "x");
        Assert.Equal(2, code);
        Assert.Contains("--jsonl", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_standard_input_when_no_text_is_given()
    {
        var previous = Console.In;
        try
        {
            Console.SetIn(new StringReader("Hello, world!"));
            var (code, output, _) = await RunAsync("tokens", "--encoding", "cl100k_base");
            Assert.Equal(0, code);
            Assert.Equal("4", output.Trim());
        }
        finally
        {
            Console.SetIn(previous);
        }
    }

    private static string[] Lines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }
}
