import type { ArticleSource } from '../model'
import { bullets, h2, h3, numbered, p, pull, quote } from '../portable-text'

export const aiPilotsToPractice: ArticleSource = {
  _id: 'article-ai-pilots-to-practice',
  title: 'From AI pilots to practice: why most experiments never scale',
  slug: 'ai-pilots-to-practice',
  standfirst:
    'Companies run dozens of promising AI pilots and put few of them into daily use. The obstacles are rarely technical, and the fixes are mostly managerial.',
  publishedAt: '2023-09-14T08:00:00Z',
  updatedAt: '2024-01-22T16:40:00Z',
  featured: true,
  authors: ['author-rahul-mehta'],
  topics: ['topic-digital-transformation', 'topic-leadership'],
  mainImage: { image: 'ai-pilots', alt: 'A loose grid of blue, yellow and orange tiles on deep navy' },
  researchLinks: ['research-digital-cases', 'research-knowledge-hub'],
  relatedArticles: ['article-data-culture', 'article-shifting-position-of-leadership', 'article-board-questions-cyber'],
  seo: {
    title: 'Why AI pilots fail to scale, and what leaders can do',
    description:
      'Most AI pilots never reach daily use. The obstacles are ownership, process and incentives; here is a checklist for moving from experiment to practice.',
  },
  body: [
    p(
      'Walk through the innovation portfolio of almost any large company today and you will find a long list of artificial intelligence pilots. A model that predicts which customers will leave. A tool that drafts responses to service tickets. A forecasting engine for spare parts. Most of them worked, at least in the narrow sense that the model performed well on test data and the pilot team presented encouraging results. Ask how many are now part of the way the company runs every day, and the list becomes very short.',
    ),
    p(
      'Over the past three years I have followed more than forty such initiatives across manufacturing, financial services and retail. The pattern is remarkably consistent. Technical failure is rare. What kills pilots is everything around the model: unclear ownership, processes that were never redesigned, incentives that reward the old way of working, and data pipelines built for a demonstration rather than for production. This article describes those obstacles and what the companies that scale successfully do about them.',
    ),
    h2('The pilot trap'),
    p(
      'Pilots are designed to answer one question: can this work? That is a reasonable question, and a pilot is a cheap way to answer it. The trouble is that a successful pilot answers only that question, and leaves open every question that matters for scaling. Who will use the output? What will they stop doing? Who pays for the system once the innovation budget runs out? Who is accountable when the model is wrong?',
    ),
    p(
      'Because pilots are usually run by a central data team or an external partner, these questions have no natural owner. The data scientists have moved on to the next experiment. The business unit that hosted the pilot was happy to help but never asked for the tool and has no budget line for it. The result is what one executive described to me as **“a museum of successful prototypes”**.',
    ),
    quote('We were very good at proving things could be done. We were much less good at doing them.'),
    h2('Four obstacles that matter more than the model'),
    h3('1. Nobody owns the outcome'),
    p(
      'In the pilots that scaled, a named business leader owned the result the model was meant to improve, such as churn, forecast accuracy or handling time, and had asked for the tool to improve it. In the pilots that stalled, ownership sat with the technology function, which could build the tool but could not change how the business used it.',
    ),
    h3('2. The process stays the same'),
    p(
      'A prediction is worthless unless someone acts differently because of it. A churn model that flags at-risk customers changes nothing if the retention team still works through the same call list in the same order. Scaling means redesigning the work: who receives the prediction, when, in what form, and what they are expected to do with it. This is unglamorous operations work, and it is where most of the value is created.',
    ),
    h3('3. Incentives point the other way'),
    p(
      'A demand planner who is rewarded for never running out of stock has little reason to trust a model that recommends lower inventory. A claims handler measured on cases closed per day will ignore a tool that asks for an extra check. When the incentives and the model disagree, the incentives win. The companies that scale successfully review targets and bonuses as part of the roll-out, not after it.',
    ),
    h3('4. The data was hand-made'),
    p(
      'Pilots often run on data that was extracted, cleaned and joined by hand for the occasion. That is fine for a proof of concept and fatal for production, where the model needs fresh data every day, reliably, without a data scientist in the loop. Building those pipelines can cost several times as much as the pilot itself, and it is rarely in the original business case.',
    ),
    pull('A prediction is worthless unless someone acts differently because of it.'),
    h2('An example: forecasting spare parts'),
    p(
      'One industrial equipment maker in my sample illustrates the difference well. Its first attempt at an AI forecast for spare parts was run by the central analytics team. The model predicted demand for thousands of parts across forty warehouses, and in testing it beat the existing method by a wide margin. The pilot was declared a success, presented to the executive committee and then, for eighteen months, used by almost nobody.',
    ),
    p(
      'When the company investigated, the reasons were mundane. The forecasts arrived as a spreadsheet once a month, while planners made ordering decisions every week in the planning system. Planners were measured on service levels and punished for stock-outs, so they added generous safety margins to whatever the model said, cancelling most of the benefit. And because the data feed had been built by hand, the forecast was often two weeks out of date by the time it arrived.',
    ),
    p(
      'The second attempt was led by the head of after-sales service, who owned both the inventory budget and the service targets. She did not ask for a better model. She asked for the existing one to be wired into the planning system, with the recommendation shown next to each order line and a short explanation of what drove it. Planners were invited to override the recommendation but had to record why. The service target was adjusted so that planners were measured on availability and inventory together, rather than availability alone.',
    ),
    p(
      'Within a year, inventory fell by roughly a fifth while availability improved slightly. The override reasons turned out to be a valuable source of information in their own right: they showed where the model lacked knowledge that planners had, such as a large customer’s maintenance schedule, and that knowledge was fed back into the next version. The model itself changed very little. Almost everything else did.',
    ),
    p(
      'The lesson the company drew was not that the first team had failed. Their model was good, and it was the same model. The lesson was that a model is one component of a working system, and usually not the hardest one to build.',
    ),
    h2('What the successful scalers do'),
    p(
      'The companies in my sample that moved a large share of their pilots into daily use were not the ones with the biggest data science teams or the most advanced tools. They were the ones with the clearest management routines. Five practices stood out:',
    ),
    numbered(
      '**Start from a business problem with an owner.** Every initiative begins with a leader who wants a specific number to move and is prepared to change how her team works to move it.',
      '**Budget for the whole journey.** The business case includes data engineering, process redesign, training and maintenance, not just the model. Pilots that cannot justify the full cost are stopped early.',
      '**Design the work, not just the tool.** Users are involved from the first week. The team maps exactly where the prediction enters the workflow and what decision it informs.',
      '**Measure adoption, not accuracy.** After launch, the key metric is how often the output is used and whether the business result improves. Model accuracy is a means, not an end.',
      '**Kill freely.** Successful companies stop more pilots, not fewer. They set clear criteria in advance and shut down anything that does not meet them, freeing people for the initiatives that do.',
    ),
    h2('The role of senior leaders'),
    p(
      'None of these practices requires executives to understand how a neural network works. They do require executives to ask different questions. Instead of “how accurate is the model?”, ask “who will use this on Monday morning, and what will they do differently?”. Instead of “how many pilots are we running?”, ask “how many are in production, and what did they change?”. These questions shift attention from the technology to the organization, which is where the constraint lies.',
    ),
    p(
      'Leaders also need to protect the unglamorous work. Data pipelines, process documentation and user training do not make good presentations at the innovation day. Without them, nothing scales. An executive who visibly values that work, and funds it, sends a stronger signal than any strategy document about AI.',
    ),
    p(
      'Finally, leaders should be honest about what their organization can absorb. A company that puts five well-chosen models into daily use will gain more than one that runs fifty pilots. Focus is not a lack of ambition; it is how ambition turns into results. In practice this means choosing a small number of processes where better predictions would clearly change the economics, staffing those initiatives properly, and accepting that other good ideas will have to wait. It also means telling the organization openly which initiatives were chosen and why, so that teams whose pilots were paused understand the logic rather than assuming their work was ignored.',
    ),
    h2('A short checklist'),
    p('Before approving the next pilot, ask the sponsoring team to answer five questions in writing:'),
    bullets(
      'Which business result will this improve, and who owns that result today?',
      'What decision or task will change, and who performs it?',
      'What will it cost to run this every day for three years, including data and support?',
      'Which targets or incentives might work against adoption, and how will we change them?',
      'What result after three months would make us stop?',
    ),
    p(
      'If the team cannot answer these questions, the pilot may still be worth running as a learning exercise. But it should be labelled as such, and nobody should be surprised when it ends up in the museum.',
    ),
    p(
      'I would like to hear from readers who have scaled AI in their own organizations, and from those who tried and stopped. Write to me at [rahul.mehta@example.org](mailto:rahul.mehta@example.org). For teaching cases on digital programmes, see our [case collection](https://research.example.org/cases/leading-digital-change).',
    ),
  ],
}
