using System.Text.RegularExpressions;
using Caravan.Core.Data;

namespace Caravan.BrowserTests.Journeys;

/// <summary>Signing in as the journeys do: a migrant by phone with the code from the development outbox, staff by password.</summary>
internal static class SignIn
{
    /// <summary>Signs in by phone; <paramref name="onThePage"/> when a link already led to the phone page in that language.</summary>
    public static async Task ByPhoneAsync(IPage page, string culture, string phone, bool onThePage = false)
    {
        if (!onThePage)
        {
            await page.GotoAsync("/account/phone?culture=" + culture);
        }

        await page.FillAsync("#Phone", phone);
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/account/code$"));
        var dev = await page.Context.NewPageAsync();
        await dev.GotoAsync("/dev/codes");
        var code = Regex.Match(await dev.Locator($"td[data-phone='{phone}'] + td").First.InnerTextAsync(), @"\d{6}").Value;
        await dev.CloseAsync();
        await page.FillAsync("#Code", code);
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard/migrant$"));
    }

    public static async Task<IPage> StaffAsync(BrowserFixture fixture, string email, string culture, bool javaScript = true)
    {
        var page = await fixture.NewPageAsync(width: 1024, javaScript: javaScript);
        await page.GotoAsync("/account/sign-in?culture=" + culture);
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", new DemoOptions().StaffPassword);
        await page.ClickAsync("main form button[type=submit]");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/dashboard|/cases|/training/trainer"));
        return page;
    }
}
