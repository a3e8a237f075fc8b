using System.Globalization;
using System.Net;
using System.Text.Json;
using Caravan.Core.Credentials;
using Caravan.Core.Data;
using Caravan.Core.Migrants;
using Caravan.Web.Api;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Caravan.Web.Tests.Pages.Migrants.Profile;

/// <summary>Issue 16's departure card: signed once a departure is recorded, printable, and verified by code, QR payload, or offline.</summary>
public class DepartureCardTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static string S(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static async Task<(HttpClient Migrant, Departure Departure)> DepartedAsync(CaravanApp app, string phone, string given, string family, string passport)
    {
        var migrant = app.EnglishBrowser();
        var reference = await Registration.RegisterAsync(app, migrant, phone, new(given, family, null, new DateOnly(1999, 3, 14), "Female", passport));
        var person = await app.WithDbAsync(ctx => ctx.Set<Person>().SingleAsync(p => p.Reference == reference));
        var left = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3);
        var ok = await migrant.PostFormAsync("/me/departure", new Dictionary<string, string>
        {
            ["Form.Independent"] = "yes",
            ["Form.Destination"] = "RU",
            ["Form.City"] = "Kazan",
            ["Form.EmployerName"] = "Kazan Logistics Terminal",
            ["Form.Occupation"] = "4321",
            ["Form.Wage"] = "68000",
            ["Form.Currency"] = "RUB",
            ["Form.HoursPerWeek"] = "40",
            ["Form.ContractMonths"] = "12",
            ["Form.DateDay"] = S(left.Day),
            ["Form.DateMonth"] = S(left.Month),
            ["Form.DateYear"] = S(left.Year),
        });
        ok.Headers.Location!.ToString().ShouldBe("/me");
        return (migrant, await app.WithDbAsync(ctx => ctx.Set<Departure>().SingleAsync(d => d.PersonId == person.Id)));
    }

    private static async Task<string> VerifyAsync(HttpClient client, string value)
    {
        var response = await client.PostFormAsync("/verify?culture=en", new Dictionary<string, string> { ["value"] = value });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.TextAsync();
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task The_card_is_signed_in_two_languages_and_verifies_by_code_and_by_qr_until_revoked(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (migrant, departure) = await DepartedAsync(app, "+998901160001", "Dilnoza", "Rahimova", "AD7770001");
        (await (await migrant.GetAsync("/me")).TextAsync()).ShouldContain($"href=\"/me/departures/{departure.Id}/card\"");

        var page = await migrant.GetAsync($"/me/departures/{departure.Id}/card");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.TextAsync();
        var card = await app.WithDbAsync(ctx => ctx.Set<Credential>().AsNoTracking().SingleAsync(c => c.SubjectId == departure.Id));
        card.Kind.ShouldBe(CredentialKind.DepartureCard);
        card.Initials.ShouldBe("D. R.");
        html.ShouldContain(card.Code);
        html.ShouldContain("data:image/png;base64,");
        // The reader's language (English here) and the destination's (Russian for Russia).
        html.ShouldContain("<section lang=\"en\"");
        html.ShouldContain("<section lang=\"ru\"");
        html.ShouldContain("Kazan Logistics Terminal");
        html.ShouldContain("href=\"/me/cases/new\"");
        html.ShouldContain("112");
        html.ShouldNotContain("Rahimova");

        // The PDF carries the same card; nobody else gets it.
        html.ShouldContain($"href=\"/me/departures/{departure.Id}/card?handler=Pdf\"");
        await (await migrant.GetAsync($"/me/departures/{departure.Id}/card?handler=Pdf")).ShouldBeCredentialPdfAsync(card.Code);

        // The offline copy's worker may serve the cards' pages, and nothing else.
        html.ShouldContain("id=\"card-offline\"");
        var worker = await app.Browser().GetAsync("/js/card-offline-sw.js");
        worker.StatusCode.ShouldBe(HttpStatusCode.OK);
        worker.Headers.GetValues("Service-Worker-Allowed").Single().ShouldBe("/me/departures/");

        // The same card every time.
        await migrant.GetAsync($"/me/departures/{departure.Id}/card");
        (await app.WithDbAsync(ctx => ctx.Set<Credential>().CountAsync(c => c.SubjectId == departure.Id))).ShouldBe(1);

        // Another migrant's card is not found, and nobody signed out sees one.
        var (other, _) = await DepartedAsync(app, "+998901160002", "Aziz", "Karimov", "AD7770002");
        (await other.GetAsync($"/me/departures/{departure.Id}/card")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.GetAsync($"/me/departures/{departure.Id}/card?handler=Pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.Browser().GetAsync($"/me/departures/{departure.Id}/card")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var officer = app.Browser();
        var byCode = await VerifyAsync(officer, " " + card.Code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal) + " ");
        byCode.ShouldContain("data-state=\"Valid\"");
        byCode.ShouldContain("D. R.");
        byCode.ShouldContain("Russia");
        byCode.ShouldNotContain("Dilnoza");
        (await VerifyAsync(officer, card.Token)).ShouldContain("data-state=\"Valid\"");

        var parts = card.Token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("D. R.", "X. Y.", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        (await VerifyAsync(officer, tampered)).ShouldContain("data-state=\"Tampered\"");
        (await VerifyAsync(officer, "CRV-2222-3333-4444")).ShouldContain("data-state=\"Unknown\"");
        (await VerifyAsync(officer, "hello")).ShouldContain("data-state=\"Unreadable\"");
        (await (await officer.PostFormAsync("/verify?culture=en", new Dictionary<string, string> { ["value"] = "" })).TextAsync()).ShouldContain("govuk-error-summary");

        var revoked = await app.WithScopeAsync(sp => sp.GetRequiredService<CredentialCommands>().RevokeAsync(card.Code, "Recorded for the wrong person"));
        revoked.ShouldBe(RevokeResult.Revoked);
        (await VerifyAsync(officer, card.Code)).ShouldContain("data-state=\"Revoked\"");
        (await VerifyAsync(officer, card.Token)).ShouldContain("data-state=\"Revoked\"");
        (await app.WithScopeAsync(sp => sp.GetRequiredService<CredentialCommands>().RevokeAsync(card.Code, "again"))).ShouldBe(RevokeResult.AlreadyRevoked);
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_card_verifies_offline_against_the_published_jwks(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (migrant, departure) = await DepartedAsync(app, "+998901160003", "Malika", "Yusupova", "AD7770003");
        (await migrant.GetAsync($"/me/departures/{departure.Id}/card")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = await app.WithDbAsync(ctx => ctx.Set<Credential>().Where(c => c.SubjectId == departure.Id).Select(c => c.Token).SingleAsync());

        // The officer's device fetched the key set once; from here on nothing touches the network or the node.
        var jwks = new JsonWebKeySet(await app.CreateClient().GetStringAsync(SigningEndpoints.JwksPath));
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        };
        var handler = new JsonWebTokenHandler();
        var result = await handler.ValidateTokenAsync(token, parameters);
        result.IsValid.ShouldBeTrue(result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        jwt.Typ.ShouldBe(DepartureCards.TokenType);
        using var claims = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload));
        claims.RootElement.GetProperty("Initials").GetString().ShouldBe("M. Y.");
        claims.RootElement.GetProperty("Destination").GetString().ShouldBe("RU");

        var parts = token.Split('.');
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(Base64UrlEncoder.Decode(parts[1]).Replace("RU", "KZ", StringComparison.Ordinal))}.{parts[2]}";
        (await handler.ValidateTokenAsync(forged, parameters)).IsValid.ShouldBeFalse();
    }

    [Theory]
    [ClassData(typeof(Databases))]
    public async Task A_card_signed_with_a_key_past_its_overlap_says_so_on_the_verification_page(DatabaseProvider db)
    {
        var app = fixture.Get(db);
        var (migrant, departure) = await DepartedAsync(app, "+998901160009", "Odina", "Safarova", "AD7770009");
        await migrant.GetAsync($"/me/departures/{departure.Id}/card");
        var card = await app.WithDbAsync(ctx => ctx.Set<Credential>().AsNoTracking().SingleAsync(c => c.SubjectId == departure.Id));
        var signedBy = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ReadJsonWebToken(card.Token).Kid;

        // The node rotated, and the old key's overlap has ended.
        await app.WithScopeAsync(sp => sp.GetRequiredService<Caravan.Core.Signing.NodeKeyRing>().RotateAsync());
        await app.WithDbAsync(async ctx =>
        {
            var old = await ctx.Set<Caravan.Core.Signing.NodeSigningKey>().SingleAsync(k => k.KeyId == signedBy);
            old.ValidUntil = DateTime.UtcNow.AddMinutes(-1);
            return await ctx.SaveChangesAsync();
        });

        var text = await VerifyAsync(app.Browser(), card.Token);
        text.ShouldContain("data-state=\"KeyExpired\"");
        text.ShouldNotContain("Odina");
    }
}
