using System.Text.Json;
using Caravan.Core.Messaging;

namespace Caravan.Core.Tests.Messaging;

/// <summary>ASVS 1.3.3: a message's text is escaped for the gateway's content type, so it stays one value.</summary>
public class HttpSmsTransportTests
{
    // Quotes, a backslash, a line break and text shaped like the template's own fields and query.
    private const string Text = "Kod: 123456\"},\"to\":\"+70000000000\",\"x\":\"\\\n&to=+70000000000&text=spam #1 100% Тошкент";

    [Fact]
    public async Task A_json_gateway_receives_the_text_as_one_json_string()
    {
        using var request = HttpSmsTransport.BuildRequest(new SmsOptions(), new Uri("https://sms.example/send"), "+998901234567", Text);
        using var body = JsonDocument.Parse(await request.Content!.ReadAsStringAsync());
        body.RootElement.EnumerateObject().Select(p => p.Name).ShouldBe(["to", "text", "from"]);
        body.RootElement.GetProperty("to").GetString().ShouldBe("+998901234567");
        body.RootElement.GetProperty("text").GetString().ShouldBe(Text);
    }

    [Fact]
    public async Task A_form_or_query_gateway_receives_the_text_as_one_encoded_value()
    {
        var form = new SmsOptions { ContentType = "application/x-www-form-urlencoded", BodyTemplate = "to={to}&text={text}" };
        using var posted = HttpSmsTransport.BuildRequest(form, new Uri("https://sms.example/send"), "+998901234567", Text);
        var fields = System.Web.HttpUtility.ParseQueryString(await posted.Content!.ReadAsStringAsync());
        fields.AllKeys.ShouldBe(["to", "text"]);
        fields["to"].ShouldBe("+998901234567");
        fields["text"].ShouldBe(Text);

        var get = new SmsOptions { Method = "GET", BodyTemplate = "to={to_digits}&text={text}" };
        using var query = HttpSmsTransport.BuildRequest(get, new Uri("https://sms.example/send?key=k"), "+998901234567", Text);
        var values = System.Web.HttpUtility.ParseQueryString(query.RequestUri!.Query);
        values.AllKeys.ShouldBe(["key", "to", "text"]);
        values["to"].ShouldBe("998901234567");
        values["text"].ShouldBe(Text);
    }
}
