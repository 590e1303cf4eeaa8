"""The in-app help (Help > Help contents, F1), written in our own words for a quality lead.

Kept apart from the window code so that each register's section can be kept true beside the others.
"""

from qmsdesk.core.documents.record_kinds import help_html as _records_help

HELP_HTML = """
<h2>QMS Desk</h2>
<p>QMS Desk keeps the records of your quality management system in one <b>company file</b>
(<code>.qmsdb</code>) on your computer. Everything you change is saved at once; there is no Save
button. The change history records who changed what and when, using the name you set in
<b>Edit &gt; Preferences</b>.</p>

<h3>The document register</h3>
<p>The register lists every controlled document: policies, the manual, procedures, work
instructions, forms, records and documents from outside (standards, customer drawings). For each
one it keeps the code, title, owner, the revision in force, where the controlled copy is, how often
it is reviewed and which clauses of ISO 9001:2015 it serves.</p>
<ul>
<li><b>Search</b> (Ctrl+F) shows the documents whose code, title, owner or note contain every word
you type. The <b>Status</b>, <b>Type</b> and <b>Owner</b> lists narrow the list further;
<b>Edit &gt; Show All</b> (Ctrl+Shift+L) clears them.</li>
<li>Click a column heading to sort by it; click again to reverse the order.</li>
<li>The panel on the right shows the selected document, its revisions and its history.</li>
</ul>

<h3>Statuses</h3>
<ul>
<li><b>Draft</b>: being written, not yet in use.</li>
<li><b>In review</b>: written and waiting for approval.</li>
<li><b>Approved / effective</b>: the version people must use.</li>
<li><b>Obsolete</b>: withdrawn. It stays in the register (greyed, in italics) with the reason, so
that old records still point to something.</li>
</ul>

<h3>Revisions</h3>
<p><b>Document &gt; New revision</b> starts a draft of the next revision (you can attach the file).
The revision in force stays in force until <b>Document &gt; Approve revision</b>: then the draft
becomes effective and the one before is kept as superseded. Revisions are never deleted. A document
that was ever in effect cannot be deleted either: make it obsolete instead.</p>

<h3>Review dates</h3>
<p>A document with a review interval (say every 24 months) is due for review that many months after
its effective date, or after its last review. Documents whose review date has passed are marked
<b>overdue</b> (red, with a warning sign); those due within 30 days are marked <b>due soon</b>
(amber, with a clock). The two buttons beside the filters show only those documents. When a review
finds the document still fine, use <b>Document &gt; Mark reviewed</b>; if it needs changing, start
a new revision.</p>

<h3>Excel</h3>
<p><b>File &gt; Export to Excel</b> writes the register (documents and revisions, one sheet each).
<b>File &gt; Export blank template</b> writes the same workbook without data, to fill in.
<b>File &gt; Import from Excel</b> reads such a workbook back:</p>
<ul>
<li>columns are found by their heading, in any order; capitals and spaces do not matter;</li>
<li>a row whose code is already in the register updates that document; a new code adds one;</li>
<li>before anything is written you see what will be added and changed, and every problem with its
sheet, row and column;</li>
<li>the import is written completely or not at all, and a copy of the company file is made
first.</li>
</ul>
<p><b>File &gt; Import from a spreadsheet</b> reads a list you already keep (an .xlsx, .xlsm, .ods
or .csv file) into any register: pick the sheet and the register, check which column gives which
field (QMS Desk suggests one for each from the headings and the cells), say what values such as
“Current” or “Withdrawn” stand for, and how fields the sheet leaves out are filled (a document's
type from its code: QM- manual, QP- procedure, WI- work instruction, F- form). Title rows above the
heading are skipped. A training matrix drawn as a grid (people down, courses across, dates or
ticks in the cells) is read as such. The preview and the all-or-nothing import are the same; the
mapping is remembered for the next sheet of the same shape.</p>
<p>Everything you typed is written to Excel as text, never as a formula. Excel holds at most
32,767 characters in a cell: a longer note stops the export and says which document it is.</p>

<h3>Reports</h3>
<p><b>File &gt; Print report</b> (Ctrl+P) writes the master list of documents as a PDF and opens
it. Printed copies say <i>Uncontrolled when printed</i>.</p>

<h3>Finding your way</h3>
<p>The registers are listed down the left side of the window under the headings of ISO 9001's
structure: <i>Plan</i> (clauses 4 to 6), <i>Support</i> (7), <i>Operation</i> (8), <i>Check</i> (9)
and <i>Improve</i> (10), so the list also says where each kind of record belongs. Click one, or step
through them with <b>Ctrl+Page Down</b> and <b>Ctrl+Page Up</b>. Each register has its own menu
beside <b>Edit</b> and <b>View</b>.</p>
<p><b>Edit &gt; Search Everywhere</b> (<b>Ctrl+K</b>) finds a code, a title or a name in every
register at once (a document, a person, a training item, an audit, an action, a review) and goes
to it: type, then Enter opens the first match, or choose another with the arrow keys.</p>

<h3>Training (clauses 7.2 and 7.3)</h3>
<p>The <b>Training</b> tab keeps the people of the company, the training and competences they need
and what they have done. Say who needs what by job role (and add extras for one person); record a
training session once for everyone who attended, with the evidence file and, later, how you checked
that the training worked (an auditor asks for that).</p>
<ul>
<li>The <b>matrix</b> shows people down and training across. Each cell has a colour <i>and</i> a
short text: OK, DUE (expiring soon), EXP (expired), LOW (level below the one required), TODO
(required, never done), REV (a newer revision of the linked document is in force, so the person
must read it again). Double-click a cell to record training for it.</li>
<li>The <b>due list</b> gathers what has expired, what expires soon and what must be redone after a
document changed. <b>Training &gt; Expiring-soon window</b> sets how far ahead "soon" looks.</li>
<li>A person who left keeps their records; a training item that is no longer used is archived.</li>
<li>The starter catalogue (QMS awareness, the seven quality management principles, the standard
clause by clause, internal auditor, and building and leading the system: process mapping, writing
procedures, objectives and KPIs, customer satisfaction, communicating the policy, planning
resources) is added with one click.</li>
<li>A classroom course on its own shows understanding (level 2); to record level 3, give the
assessment that showed it (a test result, or the effectiveness check and its outcome).</li>
</ul>

<h3>Internal audits and actions (clauses 9.2 and 10.2)</h3>
<p>The <b>Audits</b> tab holds the audit programme: what is planned, done and late, and which
clauses the audits of the last 12 months have covered. QMS Desk warns when an auditor would audit
their own work. An audit takes its questions from checklist templates (two ISO 9001:2015 checklists
ship with the app, one written for a manufacturer and one for a service business; copy one and add
your own questions), filtered by the audit's scope.</p>
<ul>
<li>Print the <b>blank checklist</b> for the shop floor, or run the audit in the app: for each
question, note the evidence and pick a result.</li>
<li>Every nonconformity, opportunity for improvement and observation becomes a <b>finding</b>; each
nonconformity opens a <b>corrective action</b> in the <b>Actions</b> tab.</li>
<li>An action records the correction, the root cause (the 5-whys helper asks "why?" until the cause
is found), the action, its owner and due date. It can only be closed once someone has checked that
it worked. Overdue actions are marked in colour and in words.</li>
<li>Management reviews and other sources (customer complaints, process nonconformities) feed the
same actions register.</li>
</ul>

<h3>Risks and opportunities (clause 6.1)</h3>
<p>The <b>Risks</b> tab lists what may go wrong and what may be gained, each arising from a
context issue, an interested party or a process, with its owner. Rate its likelihood and its
consequence on the company's scale (<b>Risks &gt; Risk scale</b>: 1 to 5 by default, and the
ratings from which a risk is of medium or high level); the level shows as a word and a tint. Choose
a treatment (accept, reduce, avoid or share a risk; pursue an opportunity), <b>Raise an action</b>
in the actions register, rate it again after treatment, and set the next review date (a review
past its date says REVIEW DUE). <b>Effectiveness review</b> records whether the actions worked:
management review input e reports it. The two heat maps count the risks in each cell before and
after treatment.</p>

<h3>Quality objectives and measurements (clauses 6.2 and 9.1)</h3>
<p>The <b>Objectives</b> tab holds each objective with the policy commitment or process it serves,
its owner, its measure (name, unit, whether higher or lower is better), target, warning threshold
and how often it is measured. <b>Record a measurement</b> each period ("12 %" is read as 12 when
the unit is %); the status follows the latest value: on target, at risk (between the target and the
warning threshold), off target, or not measured when due (a period's value more than 30 days late).
The trend chart shows the values against the target. <b>Add a plan step</b> says what will be done,
with what, by whom, by when and how the result is judged. Export the objectives to Excel to have a
colleague fill in the <b>Measurements</b> sheet, then import it back.</p>

<h3>Management reviews (clause 9.3)</h3>
<p>The <b>Management reviews</b> tab plans each review (date, chair, who attends, the period it
covers) and holds its minutes. Every input the standard asks top management to consider has a
section with your own notes and, where QMS Desk holds the data, a summary drafted from the
registers: status of earlier actions, audit results, nonconformities and corrective actions,
training, documents overdue for review. <b>Refresh from data</b> redraws the summaries and never
touches your notes. Decisions become actions with an owner and a due date. Once approved, the
minutes are read-only; a later change makes a new revision and the approved one is kept as it
was. Print the agenda before the meeting and the minutes after it.</p>

<h3>Context, scope, processes and policy (clauses 4 and 5.2)</h3>
<p>The <b>Context</b> tab has a page for each thing an auditor looks at first:</p>
<ul>
<li><b>Scope</b>: what the quality system covers, its sites and its products and services, and the
requirements that do not apply to the company, each with its reason. A clause the standard does
not have is refused; an exclusion outside clauses 7 and 8, or one without a reason, is flagged as
something an auditor would question. The scope heads the context report.</li>
<li><b>Context issues</b> and <b>Interested parties</b>: what inside and outside the company bears
on quality, who has a stake in it and what they need, how each is watched and when it is looked at
again (a review date past due shows on the home page and in red).</li>
<li><b>Processes</b>: each process with its owner, purpose, kind (management, core or support),
inputs and where they come from, outputs and where they go, resources and responsibilities.
<b>Inputs and outputs</b> names the process an output goes to: that hand-over is an arrow on the
<b>process map</b>, which QMS Desk draws from these data, followed by a one-page turtle per process.
The documents, actions and audits that name a process (by its code or name) are linked to it.</li>
<li><b>Quality policy</b>: the Policy document of the register, the policy's wording, and who has
read it (its "read and understood" training item).</li>
</ul>
<h3>Customers (clauses 8.2.1 and 9.1.2)</h3>
<p>The <b>Customers</b> tab keeps every <b>complaint</b>, <b>compliment</b> and <b>return</b>: who
it came from, the part or order, what they said, how serious it is, who answers it, the date the
customer was promised an answer (from the severity when you leave it empty), the response and the
day it was closed. A complaint is closed only once it has a response. <b>Raise corrective
action</b> opens an action in the <b>Actions</b> tab (source: customer complaint) and links the
two. Complaints and returns not answered in time are marked in colour and with the word OVERDUE,
and appear in the list of what is due. The second page holds the <b>satisfaction results</b>:
period, how customers were asked, how many answered and the score on the company's scale (1 to 5
unless changed); a score outside the scale is refused. The management review's input on customer
feedback is drafted from this tab and from the complaint actions.</p>

<h3>Changes (clauses 6.3 and 8.5.6)</h3>
<p>The <b>Changes</b> tab records each planned change to the quality system or to production: what
changes and why, what it does to processes, documents and products, who approved it and when, the
actions it needs, when it was made, and the review of its results. A change made is reviewed three
months later unless you set another date; a review past its date is marked OVERDUE and listed as
due.</p>

<h3>Design (clause 8.3)</h3>
<p>The <b>Design</b> tab holds the design and development projects, each with its dated stage
records: planning, inputs, design reviews, verification, validation, outputs and design changes,
each with its outcome, who took part and files attached. <b>File &gt; Print report</b> prints the
selected project for an auditor. When the scope excludes 8.3 the tab says so and no project can be
added.</p>

<h3>Reports and Excel in every tab</h3>
<p><b>File &gt; Print report</b> (Ctrl+P) prints the report of the tab you are on. <b>File &gt;
Export to Excel</b> and <b>Import from Excel</b> follow the same rules in every register: columns
found by their heading, a preview of what will change, every problem named by sheet, row and
column, and all of the workbook imported or none of it.</p>

<h3>Keeping your data safe</h3>
<ul>
<li>A <b>backup</b> copy is made each time you open the file and before every import or restore;
QMS Desk keeps the last ten and one a day for a month. <b>File &gt; Backups</b> lists them and
restores one (the file as it is now is backed up first).</li>
<li>Only one person at a time can change a company file. If a colleague has it open, QMS Desk says
who and since when, and offers to open it <b>read-only</b>.</li>
<li>If the file was left open on <b>another computer</b> (QMS Desk stopped there without closing
it, or the file is still open there), QMS Desk says who, on which computer and since when, and
asks. Choose <b>Take Over</b> only if QMS Desk is no longer running on that computer (it was closed,
or the computer crashed or lost the network); if it may still be open there, choose <b>Open
Read-Only</b>: two computers changing the file at once could damage it.</li>
<li><b>Help &gt; Check Database</b> checks the file, every attached file against its recorded
fingerprint (SHA-256), and the change history, whose entries are chained so that an entry changed
outside QMS Desk is detected; it compares the history with the newest backup's, and shows the
history's head (its length and newest hash), which approved review minutes print too, so that a
rewritten history shows against the backups and the paper. A backup is checked the same way before
<b>Restore</b> puts it in place, and refused if it is damaged.</li>
</ul>

<h3>Files and copies</h3>
<p>Attached files are kept in a folder beside the company file (<code>name_files</code>), with
backups made when the file is opened and before every import. <b>File &gt; Save a Copy As</b> writes
a copy of the company file anywhere you like.</p>
"""

# What the auditor asks of the records kept in the document register (8.2.3, 8.5.2, 8.5.3, 8.6).
HELP_HTML += _records_help()
