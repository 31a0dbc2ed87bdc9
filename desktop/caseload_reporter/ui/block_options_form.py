"""A data block's options form, generated from the block's declaration in ``reporting.blocks``.

One row per option the declaration shows, with the field its type calls for: a period of the open
data, a count, a number, numbers typed with commas, a choice, a year of the published statistics.
Labels, accessible names, defaults and limits all come from the declaration, so the form and the
report never disagree on a default. A change writes through to the item (``changed``); text that
cannot be used is not saved and ``problem`` says why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from caseload_reporter.analysis.benchmark_sources import statistics_in_use
from caseload_reporter.reporting.block_options import (
    ChoiceOption,
    CountOption,
    NumberOption,
    NumbersOption,
    Option,
    PeriodOption,
    YearOption,
)
from caseload_reporter.reporting.blocks import BlockKind
from caseload_reporter.reporting.draft import Item
from caseload_reporter.ui.editor_widgets import EditorHost, line_editor

Changed = Callable[[str, object], None]  # option name, new value (None: back to the default)


class OptionsForm:
    """The form (``layout``, a QFormLayout) and its fields by option name."""

    def __init__(
        self, item: Item, kind: BlockKind, host: EditorHost, changed: Changed, problem: Callable[[str], None]
    ) -> None:
        self.layout = QFormLayout()
        self.layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.item, self.host, self.changed, self.problem = item, host, changed, problem
        self.fields: dict[str, QWidget] = {}  # option name -> its field
        for option in kind.options:
            if not option.shown:
                continue
            field = _FIELDS[type(option)](self, option)
            field.setAccessibleName(option.accessible)
            self.fields[option.name] = field
            self.layout.addRow(option.label, field)

    # -- one field per type of option ---------------------------------------------------------------
    def period_field(self, option: PeriodOption) -> QComboBox:
        periods = self.host.block_context().periods() if self.host.has_data() else []
        return self._saved_choice(
            option, option.placeholder, [(p.label(), p.iso()) for p in reversed(periods)], option.missing
        )

    def year_field(self, option: YearOption) -> QComboBox:
        years = list(reversed(statistics_in_use(self.host.block_context().dataset).workforce.years))
        return self._saved_choice(option, option.placeholder, [(str(y), y) for y in years], option.missing)

    def count_field(self, option: CountOption) -> QSpinBox:
        field = QSpinBox()
        field.setRange(option.low, option.high)
        field.setSuffix(option.suffix)
        field.setValue(option.number(self.item.options))
        field.valueChanged.connect(lambda value: self.changed(option.name, value))
        return field

    def number_field(self, option: NumberOption) -> QDoubleSpinBox:
        field = QDoubleSpinBox()
        field.setRange(option.low, option.high)
        field.setDecimals(option.decimals)
        field.setSingleStep(option.step)
        field.setPrefix(option.prefix)
        field.setValue(option.number(self.item.options))
        field.valueChanged.connect(lambda value: self.changed(option.name, value))
        return field

    def numbers_field(self, option: NumbersOption) -> QLineEdit:
        def typed(text: str) -> None:
            values = option.parse(text)
            if values is None:
                self.problem(option.problem)
            else:
                self.changed(option.name, values)

        return line_editor(option.text(self.item.options), option.accessible, typed)

    def choice_field(self, option: ChoiceOption) -> QComboBox:
        field = QComboBox()
        for key, text in option.choices.items():
            field.addItem(text, key)
        field.setCurrentIndex(max(field.findData(option.value(self.item.options)), 0))
        field.currentIndexChanged.connect(lambda _i: self.changed(option.name, field.currentData()))
        return field

    def _saved_choice(self, option: Option, placeholder: str, values: list[tuple[str, Any]], missing: str) -> QComboBox:
        """The placeholder (saved as no value), then ``values``; a saved value no longer among them is
        kept and shown as missing rather than silently replaced."""
        field = QComboBox()
        field.addItem(placeholder, None)
        for text, value in values:
            field.addItem(text, value)
        wanted = self.item.options.get(option.name)
        index = 0
        if wanted not in (None, "", "latest"):
            index = field.findData(wanted)
            if index < 0:
                field.addItem(f"{wanted} ({missing})", wanted)
                index = field.count() - 1
        field.setCurrentIndex(index)
        field.setMaxVisibleItems(20)
        field.currentIndexChanged.connect(lambda _i: self.changed(option.name, field.currentData()))
        return field


_FIELDS: dict[type, Callable[[OptionsForm, Any], QWidget]] = {
    PeriodOption: OptionsForm.period_field,
    YearOption: OptionsForm.year_field,
    CountOption: OptionsForm.count_field,
    NumberOption: OptionsForm.number_field,
    NumbersOption: OptionsForm.numbers_field,
    ChoiceOption: OptionsForm.choice_field,
}
