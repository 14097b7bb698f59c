"""Imports of the center's registers (employers, vacancies, seekers) and of the KECO classification.

They reuse the records importer's reader, widgets, messages and result (jobpledge.records.importers): the
same files are accepted, errors name row and column in Korean, and a file with any error stores nothing.
"""
