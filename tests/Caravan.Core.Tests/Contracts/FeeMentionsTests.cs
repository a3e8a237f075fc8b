using Caravan.Core.Contracts;

namespace Caravan.Core.Tests.Contracts;

public class FeeMentionsTests
{
    [Theory]
    [InlineData("Welding work. A deposit of 500 USD is deducted from the first salary.")]
    [InlineData("Работник вносит залог 300 долларов до выезда.")]
    [InlineData("Ishchi 200 dollar toʻlov qiladi.")]
    [InlineData("Коргар 100 доллар пардохт мекунад.")]
    public void A_sentence_with_a_payment_word_and_a_figure_is_flagged(string text) =>
        ContractChecker.FeeMentions(text).ShouldHaveSingleItem();

    [Theory]
    [InlineData("Written contract, wages paid monthly. No fees are charged to the worker.")]
    [InlineData("Salary 2,400,000 KRW a month. Housing provided.")]
    [InlineData("")]
    public void A_statement_without_a_figure_or_without_a_payment_word_is_not(string text) =>
        ContractChecker.FeeMentions(text).ShouldBeEmpty();
}
