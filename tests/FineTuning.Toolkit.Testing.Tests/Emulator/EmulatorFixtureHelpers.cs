using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace FineTuning.Toolkit.Testing.Tests.Emulator;

internal static class Raw
{
    public static HttpClient Client(OpenAIEmulator emulator, bool azure = false)
    {
        var http = new HttpClient { BaseAddress = azure ? emulator.AzureBaseUrl : emulator.BaseUrl, Timeout = TimeSpan.FromSeconds(10) };
        if (azure)
        {
            http.DefaultRequestHeaders.Add("api-key", emulator.ApiKey);
        }
        else
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        }

        return http;
    }

    public static async Task<(int Status, JsonObject Body, HttpResponseMessage Response)> SendAsync(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject(), response);
    }
}
