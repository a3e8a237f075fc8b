using System.Net;
using Caravan.Core.Migrants;
using Caravan.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Caravan.Web.Tests.Pages.Migrants;

/// <summary>A migrant's whole self-registration through the pages, as a phone browser without JavaScript would do it.</summary>
public static class Registration
{
    public sealed record Answers(string Given, string Family, string? Patronymic, DateOnly Born, string Sex, string Document, string Region = "UZ-SA");

    public static async Task<string> RegisterAsync(CaravanApp app, HttpClient client, string phone, Answers a)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(a);
        (await client.SignInMigrantAsync(app, phone)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.PostFormAsync("/register", new Dictionary<string, string>(), "/register?handler=Start")).Headers.Location!.ToString().ShouldBe("/register/name");
        await StepAsync(client, "name", new() { ["GivenName"] = a.Given, ["FamilyName"] = a.Family, ["Patronymic"] = a.Patronymic ?? "" });
        await StepAsync(client, "details", new()
        {
            ["BirthDay"] = a.Born.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BirthMonth"] = a.Born.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BirthYear"] = a.Born.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sex"] = a.Sex,
            ["Citizenship"] = "UZ",
            ["RegionCode"] = a.Region,
        });
        await StepAsync(client, "document", new() { ["DocumentNumber"] = a.Document });
        await StepAsync(client, "work", new() { ["Education"] = "UpperSecondary", ["Occupations"] = "7212", ["Skills"] = "welding, driving licence C" });
        await StepAsync(client, "languages", new() { ["Languages[0].Code"] = "uz", ["Languages[0].Level"] = "Native", ["Languages[1].Code"] = "ru", ["Languages[1].Level"] = "B1" });
        await StepAsync(client, "destinations", new() { ["Destinations"] = "KR" });
        await StepAsync(client, "consent", new() { ["Purposes"] = "Statistics" });
        var done = await client.PostFormAsync("/register/check", new Dictionary<string, string>());
        done.Headers.Location!.ToString().ShouldBe("/me");
        var phoneUser = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == phone));
        return await app.WithDbAsync(db => db.Set<Person>().Where(p => p.UserId == phoneUser.Id).Select(p => p.Reference).SingleAsync());
    }

    public static async Task StepAsync(HttpClient client, string step, Dictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostFormAsync($"/register/{step}", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, $"step {step}: {await response.TextAsync()}");
    }
}
